//! Hugo's permalinks: where a content file is published, below the site's root.
//!
//! In: the site config's `permalinks` table and a content file (its path under `content/`
//! and its front matter). Out: its relative permalink (`/p/2024/03/hello-world/`).
//!
//! Rules (checked with Hugo 0.168, `hugo list all`): front matter `url` wins as written; else
//! a pattern for the page's top-level section applies, from `[permalinks]` (regular pages
//! only), `[permalinks.page]` or `[permalinks.section]`; else Hugo's default path, its last
//! segment replaced by a `slug` for a regular page. Patterns take `:year`, `:month`,
//! `:monthname`, `:day`, `:weekday`, `:weekdayname`, `:yearday`, `:section`, `:sections`,
//! `:title`, `:slug` (the title without one), `:filename`, `:contentbasename`,
//! `:slugorfilename` and `:slugorcontentbasename`; the result is lower-cased and ends with a
//! `/`.

use std::collections::BTreeMap;

use serde_json::Value;

use crate::front_matter::{FrontMatter, PageFields};
use crate::rules::time::DateTime;

/// The site's `permalinks` patterns by top-level section.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct Permalinks {
    pages: BTreeMap<String, String>,
    sections: BTreeMap<String, String>,
}

impl Permalinks {
    /// The `permalinks` table of a site config (a missing or odd one gives Hugo's defaults).
    pub fn from_config(config: &serde_json::Map<String, Value>) -> Permalinks {
        let mut permalinks = Permalinks::default();
        let Some(Value::Object(table)) = config
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case("permalinks"))
            .map(|(_, v)| v)
        else {
            return permalinks;
        };
        for (key, value) in table {
            match (key.to_lowercase().as_str(), value) {
                (_, Value::String(pattern)) => {
                    permalinks
                        .pages
                        .insert(key.to_lowercase(), pattern.clone());
                }
                (kind @ ("page" | "section"), Value::Object(by_section)) => {
                    let target = if kind == "page" {
                        &mut permalinks.pages
                    } else {
                        &mut permalinks.sections
                    };
                    for (section, pattern) in by_section {
                        if let Value::String(pattern) = pattern {
                            target.insert(section.to_lowercase(), pattern.clone());
                        }
                    }
                }
                _ => {}
            }
        }
        permalinks
    }

    /// The relative permalink of the content file at `path` (`posts/a.md`).
    pub fn of(&self, path: &str, front_matter: &FrontMatter) -> String {
        let path = path.trim_matches('/');
        if let Some(url) = front_matter.get("url").and_then(Value::as_str) {
            if !url.is_empty() {
                return if url.starts_with('/') {
                    url.to_owned()
                } else {
                    format!("/{url}")
                };
            }
        }
        let (folder, file) = path.rsplit_once('/').unwrap_or(("", path));
        let section_page = file.starts_with("_index.");
        let bundle = file.starts_with("index.");
        // The folders that hold the page: a section's own folder is its section.
        let dir = if bundle {
            folder.rsplit_once('/').map_or("", |(d, _)| d)
        } else {
            folder
        };
        let top = dir.split('/').next().unwrap_or("");
        let patterns = if section_page {
            &self.sections
        } else {
            &self.pages
        };
        let mut ignored = Vec::new();
        let fields = PageFields::from_front_matter(front_matter, &mut ignored);
        let slug = fields.slug.as_deref().filter(|s| !s.is_empty());
        let base_name = if bundle || section_page {
            folder.rsplit('/').next().unwrap_or(folder)
        } else {
            crate::reference::strip_extension(file)
        };
        // The home page and pages at the top have no section.
        let pattern = (!top.is_empty())
            .then(|| patterns.get(&top.to_lowercase()))
            .flatten();
        let Some(pattern) = pattern else {
            let default = crate::reference::default_permalink(path);
            return match slug {
                Some(slug) if !section_page => {
                    let parent = default
                        .trim_end_matches('/')
                        .rsplit_once('/')
                        .map_or("", |(parent, _)| parent);
                    format!("{parent}/{}/", crate::rules::path::urlize(slug))
                }
                _ => default,
            };
        };
        let date = fields.date.as_deref().and_then(DateTime::parse);
        let title = fields.title.clone().unwrap_or_default();
        let sections = if section_page { folder } else { dir };
        let mut out = String::new();
        let mut rest = pattern.as_str();
        while let Some(at) = rest.find(':') {
            out.push_str(&rest[..at]);
            let after = &rest[at + 1..];
            let len = after
                .find(|c: char| !c.is_ascii_alphanumeric())
                .unwrap_or(after.len());
            let token = &after[..len];
            let date_part = |layout: &str| date.as_ref().map(|d| d.format(layout)).unwrap_or_default();
            let value = match token {
                "year" => date_part("2006"),
                "month" => date_part("01"),
                "monthname" => date_part("January"),
                "day" => date_part("02"),
                "weekday" => {
                    let name = date_part("Monday");
                    crate::rules::time::DAYS
                        .iter()
                        .position(|day| *day == name)
                        .map(|n| n.to_string())
                        .unwrap_or_default()
                }
                "weekdayname" => date_part("Monday"),
                "yearday" => year_day(&date_part("2006-01-02")),
                "section" => top.to_owned(),
                "sections" => sections.to_owned(),
                "title" => crate::rules::path::urlize(&title),
                "slug" => crate::rules::path::urlize(slug.unwrap_or(&title)),
                "filename" | "contentbasename" => base_name.to_owned(),
                "slugorfilename" | "slugorcontentbasename" => match slug {
                    Some(slug) => crate::rules::path::urlize(slug),
                    None => base_name.to_owned(),
                },
                // Not a token Hugo knows: kept as written.
                _ => format!(":{token}"),
            };
            out.push_str(&value);
            rest = &after[len..];
        }
        out.push_str(rest);
        let mut out = out.to_lowercase();
        if !out.starts_with('/') {
            out.insert(0, '/');
        }
        if !out.ends_with('/') {
            out.push('/');
        }
        out
    }
}

/// Go's `YearDay` of `2006-01-02`: 1 to 366; empty without a date.
fn year_day(date: &str) -> String {
    let mut parts = date.split('-').map(|p| p.parse::<i64>().ok());
    let (Some(Some(year)), Some(Some(month)), Some(Some(day))) =
        (parts.next(), parts.next(), parts.next())
    else {
        return String::new();
    };
    let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    let before: i64 = [31, if leap { 29 } else { 28 }, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
        .iter()
        .take((month - 1).clamp(0, 12) as usize)
        .sum();
    (before + day).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page(text: &str) -> FrontMatter {
        crate::front_matter::parse(text, &mut Vec::new())
    }

    /// The site checked with `hugo list all` (Hugo 0.168), flat patterns.
    #[test]
    fn flat_patterns_apply_to_regular_pages() {
        let config = serde_json::json!({"permalinks": {
            "posts": "/p/:year/:month/:slug/",
            "page": "/:slug/",
            "units": "/u/:slugorcontentbasename",
            "docs": "/d/:sections/:title",
        }});
        let p = Permalinks::from_config(config.as_object().unwrap());
        let of = |path: &str, fm: &str| p.of(path, &page(fm));
        assert_eq!(of("posts/a.md", "---\ntitle: Hello World!\ndate: 2024-03-05\n---\n"), "/p/2024/03/hello-world/");
        assert_eq!(of("posts/b.md", "---\ntitle: T\nslug: My Slug\ndate: 2024-03-05\n---\n"), "/p/2024/03/my-slug/");
        assert_eq!(of("posts/bundle/index.md", "---\ntitle: Bundle Page\ndate: 2023-12-01\n---\n"), "/p/2023/12/bundle-page/");
        assert_eq!(of("posts/_index.md", "---\ntitle: Posts\n---\n"), "/posts/");
        assert_eq!(of("page/about.md", "---\ntitle: About Us\n---\n"), "/about-us/");
        assert_eq!(of("units/One.md", "---\ntitle: Unit One\n---\n"), "/u/one/");
        assert_eq!(of("units/two.md", "---\ntitle: Unit Two\nslug: second\n---\n"), "/u/second/");
        assert_eq!(of("docs/deep/er/_index.md", "---\ntitle: Deeper\n---\n"), "/docs/deep/er/");
        assert_eq!(of("docs/deep/er/leaf.md", "---\ntitle: Leaf\n---\n"), "/d/docs/deep/er/leaf/");
        assert_eq!(of("docs/custom.md", "---\ntitle: X\nurl: /custom/place/\n---\n"), "/custom/place/");
        assert_eq!(of("docs/y.md", "---\ntitle: Y\nslug: why\n---\n"), "/d/docs/y/");
    }

    /// The same site with per-kind tables.
    #[test]
    fn kind_tables_apply_to_their_kind() {
        let config = serde_json::json!({"permalinks": {
            "page": {"units": "/u/:slugorcontentbasename", "posts": "/p/:filename/"},
            "section": {"docs": "/d/:sections/", "posts": "/all-posts/"},
        }});
        let p = Permalinks::from_config(config.as_object().unwrap());
        let of = |path: &str, fm: &str| p.of(path, &page(fm));
        assert_eq!(of("docs/_index.md", "---\ntitle: Docs\n---\n"), "/d/docs/");
        assert_eq!(of("docs/deep/er/_index.md", "---\ntitle: Deeper\n---\n"), "/d/docs/deep/er/");
        assert_eq!(of("docs/deep/er/leaf.md", "---\ntitle: Leaf\n---\n"), "/docs/deep/er/leaf/");
        assert_eq!(of("docs/y.md", "---\ntitle: Y\nslug: why\n---\n"), "/docs/why/");
        assert_eq!(of("page/about.md", "---\ntitle: About Us\n---\n"), "/page/about/");
        assert_eq!(of("posts/_index.md", "---\ntitle: Posts\n---\n"), "/all-posts/");
        assert_eq!(of("posts/a.md", "---\ntitle: Hello World!\n---\n"), "/p/a/");
        assert_eq!(of("posts/bundle/index.md", "---\ntitle: Bundle Page\n---\n"), "/p/bundle/");
        assert_eq!(of("units/One.md", "---\ntitle: Unit One\n---\n"), "/u/one/");
    }
}
