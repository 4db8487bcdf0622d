//! `youtube` and `vimeo`: Hugo's iframes when embeds are allowed, otherwise a static card that
//! links to the video and makes no third-party request.

use super::{escape, flag, get, get_string, is_called, position};
use crate::shortcode::call::{go_string, Call, Env, Report};

/// The wrapper styles Hugo's video templates write (the sanitizer keeps exactly these).
pub const DIV_STYLE: &str =
    "position: relative; padding-bottom: 56.25%; height: 0; overflow: hidden;";
pub const IFRAME_STYLE: &str =
    "position: absolute; top: 0; left: 0; width: 100%; height: 100%; border:0;";

const YOUTUBE_ALLOW: &str =
    "accelerometer; autoplay; clipboard-write; encrypted-media; gyroscope; picture-in-picture; web-share";

/// The card shown instead of an iframe: `<div class="hugo-preview-embed
/// hugo-preview-embed-SERVICE [class]"><a href="URL">▶ TITLE</a></div>`.
fn card(service: &str, class: Option<&str>, url: &str, title: &str) -> String {
    let mut classes = format!("hugo-preview-embed hugo-preview-embed-{service}");
    if let Some(class) = class {
        classes.push(' ');
        classes.push_str(class);
    }
    format!(
        "<div class=\"{}\"><a href=\"{}\">\u{25B6} {}</a></div>",
        escape::text(&classes),
        escape::url(url),
        escape::text(title)
    )
}

/// `youtube` (HEAD `_shortcodes/youtube.html`). Only the id may be positional: current Hugo
/// ignores v0.111.3's positional `ID CLASS` class (checked with Hugo 0.168).
pub fn youtube(call: &Call, env: &Env, report: &mut Report) -> String {
    let privacy = &env.site.privacy.youtube;
    if privacy.disable {
        return String::new();
    }
    let Some(id) = get_string(call, "id", Some(0)) else {
        report.error(format!(
            "The \"{}\" shortcode requires an id argument. See {}",
            call.name,
            position(call, env)
        ));
        return String::new();
    };
    let named = |key: &str| call.param(key, None);
    let allow_full_screen = flag(named("allowFullScreen").as_ref()).unwrap_or(true);
    let autoplay = flag(named("autoplay").as_ref()).unwrap_or(false);
    let controls = flag(named("controls").as_ref()).unwrap_or(true);
    let looped = flag(named("loop").as_ref()).unwrap_or(false);
    let mute = autoplay || flag(named("mute").as_ref()).unwrap_or(false);
    let class = get_string(call, "class", None);
    let printed = |key: &str, default: &str| {
        get(call, key, None).map_or_else(|| default.to_owned(), |v| go_string(&v))
    };
    let end = printed("end", "0");
    let start = printed("start", "0");
    let loading = printed("loading", "eager");
    let title = printed("title", "YouTube video");

    if !env.embeds {
        let mut url = format!("https://www.youtube.com/watch?v={}", escape::query(&id));
        if start != "0" {
            url.push_str(&format!("&t={}s", escape::query(&start)));
        }
        return card("youtube", class.as_deref(), &url, &title);
    }

    let host = if privacy.privacy_enhanced {
        "www.youtube-nocookie.com"
    } else {
        "www.youtube.com"
    };
    let bit = |b: bool| if b { "1" } else { "0" };
    // `querify` of a dict: keys sorted, values query-escaped.
    let mut query = vec![
        ("autoplay", bit(autoplay).to_owned()),
        ("controls", bit(controls).to_owned()),
        ("end", end),
        ("loop", bit(looped).to_owned()),
        ("mute", bit(mute).to_owned()),
        ("start", start),
    ];
    if looped {
        query.push(("playlist", id.clone()));
    }
    crate::sorted::sort_by(&mut query, |a, b| a.0.cmp(b.0));
    let query: Vec<String> = query
        .iter()
        .map(|(key, value)| format!("{key}={}", escape::query(value)))
        .collect();
    let src = format!("https://{host}/embed/{id}?{}", query.join("&"));
    let mut allow = YOUTUBE_ALLOW.to_owned();
    if allow_full_screen {
        allow.push_str("; fullscreen");
    }

    let mut out = String::from("<div");
    match &class {
        Some(class) => out.push_str(&format!(" class=\"{}\"", escape::text(class))),
        None => out.push_str(&format!(" style=\"{DIV_STYLE}\"")),
    }
    out.push_str(">\n\t\t\t<iframe");
    out.push_str(&format!(" allow=\"{}\"", escape::text(&allow)));
    out.push_str(&format!(" loading=\"{}\"", escape::text(&loading)));
    out.push_str(" referrerpolicy=\"strict-origin-when-cross-origin\"");
    out.push_str(&format!(" src=\"{}\"", escape::url(&src)));
    if class.is_none() {
        out.push_str(&format!(" style=\"{IFRAME_STYLE}\""));
    }
    out.push_str(&format!(" title=\"{}\"", escape::text(&title)));
    out.push_str("></iframe>\n\t\t</div>\n");
    out
}

/// `vimeo` and `vimeo_simple` (HEAD `_shortcodes/vimeo.html`; the simple variant needs
/// Vimeo's oEmbed API, so it renders as `vimeo`). Only the id may be positional: current
/// Hugo ignores v0.111.3's positional `ID CLASS TITLE` (checked with Hugo 0.168), except
/// that the simple variant (`vimeo_simple`, or `privacy.vimeo.simple`) reads a positional
/// class.
pub fn vimeo(call: &Call, env: &Env, report: &mut Report) -> String {
    let privacy = &env.site.privacy.vimeo;
    if privacy.disable {
        return String::new();
    }
    let Some(id) = get_string(call, "id", Some(0)) else {
        report.error(format!(
            "The \"{}\" shortcode requires a video id, either as the first positional argument or an argument named id. See {}",
            call.name,
            position(call, env)
        ));
        return String::new();
    };
    let simple = is_called(call, "vimeo_simple") || privacy.simple;
    let class = get_string(call, "class", simple.then_some(1));
    let title = get_string(call, "title", None);
    let loading = get_string(call, "loading", None);
    let allow_full_screen = flag(call.param("allowFullScreen", None).as_ref()).unwrap_or(true);

    if !env.embeds {
        let url = format!("https://vimeo.com/{}", escape::path_segment(&id));
        let title = title.as_deref().unwrap_or("Vimeo video");
        return card("vimeo", class.as_deref(), &url, title);
    }

    let dnt = if privacy.enable_dnt { 1 } else { 0 };
    let src = format!("https://player.vimeo.com/video/{id}?dnt={dnt}");
    let mut out = String::from("\n\t\t\t<div\n\t\t\t\t\t");
    match &class {
        Some(class) => out.push_str(&format!("class=\"{}\"", escape::text(class))),
        None => out.push_str(&format!("style=\"{DIV_STYLE}\"")),
    }
    out.push_str(">\n\t\t\t\t<iframe\n\t\t\t\t\t");
    out.push_str(&format!("src=\"{}\"", escape::url(&src)));
    if class.is_none() {
        out.push_str(&format!("\n\t\t\t\t\t\tstyle=\"{IFRAME_STYLE}\""));
    }
    if allow_full_screen {
        out.push_str(" allow=\"fullscreen\"");
    }
    if let Some(loading) = &loading {
        out.push_str(&format!(" loading=\"{}\"", escape::text(loading)));
    }
    if let Some(title) = &title {
        out.push_str(&format!(" title=\"{}\"", escape::text(title)));
    }
    out.push_str(">\n\t\t\t\t</iframe>\n\t\t\t</div>\n");
    out
}
