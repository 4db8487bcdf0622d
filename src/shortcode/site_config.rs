//! `.Site.Config` (Hugo's `page.SiteConfig`): the site's `privacy` and `services` settings as
//! the Go structs templates read (`.Site.Config.Privacy.YouTube.PrivacyEnhanced`, Stack's
//! YouTube shortcode; `.Site.Config.Services.Disqus.Shortname`). The settings are read once,
//! in [`crate::site::SiteConfig::from_tree`]; this only shapes them as Hugo's structs
//! (`config/privacy`, `config/services`), field by field and in Go's order, so that printing
//! one gives what Go's `%v` gives (checked with Hugo 0.168: `{{ site.Config }}`).

use crate::site::{Privacy, ServicePrivacy, Services};
use crate::template::{Arity, Object, Value};
use std::rc::Rc;

/// A Go struct value: its fields in declaration order. An embedded struct (`privacy.Service`
/// in each service) is a field of its own whose fields are promoted, as Go promotes them.
struct GoStruct {
    type_name: &'static str,
    fields: Vec<(&'static str, Value)>,
    embedded: Option<&'static str>,
}

impl GoStruct {
    fn value(
        type_name: &'static str,
        fields: Vec<(&'static str, Value)>,
        embedded: Option<&'static str>,
    ) -> Value {
        Value::Object(Rc::new(GoStruct {
            type_name,
            fields,
            embedded,
        }))
    }

    fn field(&self, name: &str) -> Option<&Value> {
        self.fields.iter().find(|(n, _)| *n == name).map(|(_, v)| v)
    }
}

impl Object for GoStruct {
    fn type_name(&self) -> &str {
        self.type_name
    }

    fn arity(&self, _name: &str) -> Arity {
        Arity::Field
    }

    fn get(&self, name: &str, args: &[Value]) -> Result<Option<Value>, String> {
        if let Some(value) = self.field(name) {
            return Ok(Some(value.clone()));
        }
        match self.embedded.and_then(|field| self.field(field)) {
            Some(Value::Object(inner)) => inner.get(name, args),
            _ => Ok(None),
        }
    }

    /// Go's `%v` of a struct: `{` the fields' values `}`, space-separated.
    fn display(&self) -> String {
        let values: Vec<String> = self.fields.iter().map(|(_, v)| v.to_go_string()).collect();
        format!("{{{}}}", values.join(" "))
    }
}

/// `.Site.Config`: a `page.SiteConfig` of the site's settings.
pub fn site_config(privacy: &Privacy, services: &Services) -> Value {
    GoStruct::value(
        "page.SiteConfig",
        vec![
            ("Privacy", privacy_config(privacy)),
            ("Services", services_config(services)),
        ],
        None,
    )
}

/// `privacy.Config`: Disqus, GoogleAnalytics, Instagram, Vimeo, YouTube, X, each embedding a
/// `privacy.Service` (`Disable`) before its own fields.
fn privacy_config(privacy: &Privacy) -> Value {
    let service = |type_name: &'static str,
                   settings: &ServicePrivacy,
                   own: Vec<(&'static str, bool)>| {
        let mut fields = vec![(
            "Service",
            GoStruct::value(
                "privacy.Service",
                vec![("Disable", Value::Bool(settings.disable))],
                None,
            ),
        )];
        fields.extend(own.into_iter().map(|(name, b)| (name, Value::Bool(b))));
        GoStruct::value(type_name, fields, Some("Service"))
    };
    let p = privacy;
    GoStruct::value(
        "privacy.Config",
        vec![
            ("Disqus", service("privacy.Disqus", &p.disqus, vec![])),
            (
                "GoogleAnalytics",
                service(
                    "privacy.GoogleAnalytics",
                    &p.google_analytics,
                    vec![(
                        "RespectDoNotTrack",
                        p.google_analytics.respect_do_not_track,
                    )],
                ),
            ),
            (
                "Instagram",
                service(
                    "privacy.Instagram",
                    &p.instagram,
                    vec![("Simple", p.instagram.simple)],
                ),
            ),
            (
                "Vimeo",
                service(
                    "privacy.Vimeo",
                    &p.vimeo,
                    vec![("EnableDNT", p.vimeo.enable_dnt), ("Simple", p.vimeo.simple)],
                ),
            ),
            (
                "YouTube",
                service(
                    "privacy.YouTube",
                    &p.youtube,
                    vec![("PrivacyEnhanced", p.youtube.privacy_enhanced)],
                ),
            ),
            (
                "X",
                service(
                    "privacy.X",
                    &p.x,
                    vec![("EnableDNT", p.x.enable_dnt), ("Simple", p.x.simple)],
                ),
            ),
        ],
        None,
    )
}

/// `services.Config`: Disqus, GoogleAnalytics, Instagram, X, RSS.
fn services_config(services: &Services) -> Value {
    let s = services;
    let one = |type_name: &'static str, fields: Vec<(&'static str, Value)>| {
        GoStruct::value(type_name, fields, None)
    };
    GoStruct::value(
        "services.Config",
        vec![
            (
                "Disqus",
                one(
                    "services.Disqus",
                    vec![("Shortname", Value::from(s.disqus_shortname.as_str()))],
                ),
            ),
            (
                "GoogleAnalytics",
                one(
                    "services.GoogleAnalytics",
                    vec![("ID", Value::from(s.google_analytics_id.as_str()))],
                ),
            ),
            (
                "Instagram",
                one(
                    "services.Instagram",
                    vec![
                        (
                            "DisableInlineCSS",
                            Value::Bool(s.instagram_disable_inline_css),
                        ),
                        (
                            "AccessToken",
                            Value::from(s.instagram_access_token.as_str()),
                        ),
                    ],
                ),
            ),
            (
                "X",
                one(
                    "services.X",
                    vec![("DisableInlineCSS", Value::Bool(s.x_disable_inline_css))],
                ),
            ),
            (
                "RSS",
                one("services.RSS", vec![("Limit", Value::int(s.rss_limit))]),
            ),
        ],
        None,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_defaults_print_as_hugo_prints_an_unconfigured_site_config() {
        let config = site_config(&Privacy::default(), &Services::default());
        // Hugo 0.168, `{{ site.Config }}` for a site without privacy or services settings.
        assert_eq!(
            config.to_go_string(),
            "{{{{false}} {{false} true} {{false} false} {{false} false false} {{false} false} \
             {{false} false false}} {{} {} {false } {false} {-1}}}"
        );
    }

    #[test]
    fn a_service_s_disable_is_promoted_from_its_embedded_service() {
        let privacy = Privacy {
            youtube: ServicePrivacy {
                disable: true,
                privacy_enhanced: true,
                ..ServicePrivacy::default()
            },
            ..Privacy::default()
        };
        let Value::Object(config) = site_config(&privacy, &Services::default()) else {
            panic!("a struct")
        };
        let field = |object: &Value, name: &str| match object {
            Value::Object(o) => o.get(name, &[]).unwrap().unwrap(),
            _ => panic!("{name} of a non-struct"),
        };
        let youtube = field(
            &field(&Value::Object(config), "Privacy"),
            "YouTube",
        );
        assert_eq!(field(&youtube, "Disable"), Value::Bool(true));
        assert_eq!(field(&youtube, "PrivacyEnhanced"), Value::Bool(true));
        assert_eq!(field(&field(&youtube, "Service"), "Disable"), Value::Bool(true));
    }
}
