//! A page's `.Pages`, `.RegularPages` and `.Sections`, and Hugo's `page.Pages` they give: the
//! pages directly below a section (its regular pages and its subsections), in Hugo's default
//! order, with the sorts and the grouping templates call on them (`.ByTitle`, `.ByDate`,
//! `.Reverse`, `.GroupBy "Weight"`, …).
//!
//! A page's section is the nearest folder above it that has an `_index` file, or else its
//! top-level folder (Hugo makes those sections without one); a leaf bundle (`x/index.md`) is
//! a page of the folder above it. Drafts are left out, as `hugo server` leaves them out.

use super::context::{default_order, OtherPage};
use crate::template::value::{Arity, Object, Value};
use std::cmp::Ordering;
use std::rc::Rc;

/// The folder of the section a page's children have: a section's (`docs/_index.md` is
/// `docs`, the home page's is ``); `None` for a regular page, which has none.
pub fn own_section(path: &str) -> Option<&str> {
    let (folder, file) = path.rsplit_once('/').unwrap_or(("", path));
    file.starts_with("_index.").then_some(folder)
}

/// The folder of the section `path` (a content path) belongs to; `None` for the home page.
pub fn parent_section<'a>(path: &'a str, has_index: &dyn Fn(&str) -> bool) -> Option<&'a str> {
    let (folder, file) = path.rsplit_once('/').unwrap_or(("", path));
    // A section's own `_index` and a leaf bundle's `index` stand for their folder.
    let mut folder = if file.starts_with("_index.") || file.starts_with("index.") {
        if folder.is_empty() {
            return None;
        }
        folder.rsplit_once('/').map_or("", |(up, _)| up)
    } else {
        folder
    };
    loop {
        if folder.is_empty() || !folder.contains('/') || has_index(folder) {
            return Some(folder);
        }
        folder = folder.rsplit_once('/').map_or("", |(up, _)| up);
    }
}

/// Hugo's `compare.Strings`: case-insensitive, then byte order.
fn compare_text(a: &str, b: &str) -> Ordering {
    a.to_lowercase().cmp(&b.to_lowercase()).then_with(|| a.cmp(b))
}

/// A number key's value, for the groups' order.
fn number(value: &Value) -> Option<f64> {
    match value {
        Value::Int(i, _) => Some(*i as f64),
        Value::Float(f) => Some(*f),
        _ => None,
    }
}

/// `page.Pages`: a list of pages with Hugo's sorting and grouping methods.
pub struct PagesObject(pub Vec<Rc<OtherPage>>);

impl PagesObject {
    pub fn value(pages: Vec<Rc<OtherPage>>) -> Value {
        Value::Object(Rc::new(PagesObject(pages)))
    }

    /// The pages ordered by `compare` (stably, as Hugo's `sort.Stable`).
    fn sorted(&self, compare: impl Fn(&OtherPage, &OtherPage) -> Ordering) -> Value {
        let mut pages = self.0.clone();
        crate::sorted::sort_by(&mut pages, |a, b| compare(a, b));
        PagesObject::value(pages)
    }

    /// A page's member as a template reads it (`Title`, `Weight`, …).
    fn member(page: &OtherPage, name: &str) -> Value {
        page.get(name, &[]).ok().flatten().unwrap_or_default()
    }

    /// `.GroupBy KEY [ORDER]`: the pages by the value of their member KEY, groups in the
    /// order of their keys (ascending, or descending for `desc`, `rev`, `reverse`), pages in
    /// their order within each.
    fn group_by(&self, args: &[Value]) -> Result<Value, String> {
        let key = args.first().map(Value::to_go_string).unwrap_or_default();
        let descending = args.get(1).is_some_and(|order| {
            matches!(order.to_go_string().to_lowercase().as_str(), "desc" | "rev" | "reverse")
        });
        let mut groups: Vec<(Value, Vec<Rc<OtherPage>>)> = Vec::new();
        for page in &self.0 {
            let value = PagesObject::member(page, &key);
            let text = value.to_go_string();
            match groups.iter_mut().find(|(k, _)| k.to_go_string() == text) {
                Some((_, pages)) => pages.push(page.clone()),
                None => groups.push((value, vec![page.clone()])),
            }
        }
        crate::sorted::sort_by(&mut groups, |(a, _), (b, _)| {
            let order = match (number(a), number(b)) {
                (Some(x), Some(y)) => x.partial_cmp(&y).unwrap_or(Ordering::Equal),
                _ => a.to_go_string().cmp(&b.to_go_string()),
            };
            if descending {
                order.reverse()
            } else {
                order
            }
        });
        let groups = groups
            .into_iter()
            .map(|(key, pages)| Value::Object(Rc::new(PageGroup { key, pages: PagesObject(pages) })))
            .collect();
        Ok(Value::list(groups)?)
    }

    fn method(&self, name: &str, args: &[Value]) -> Result<Option<Value>, String> {
        let text = |page: &OtherPage, name: &str| PagesObject::member(page, name).to_go_string();
        let by_text = |name: &'static str| self.sorted(move |a, b| compare_text(&text(a, name), &text(b, name)));
        let by_date = |name: &'static str| self.sorted(move |a, b| text(a, name).cmp(&text(b, name)));
        Ok(Some(match name {
            "Len" => Value::int(self.0.len() as i64),
            "ByWeight" => PagesObject::value(default_order(self.0.clone())),
            "ByTitle" => by_text("Title"),
            "ByLinkTitle" => by_text("LinkTitle"),
            "ByDate" => by_date("Date"),
            "ByPublishDate" => by_date("PublishDate"),
            "ByLastmod" => by_date("Lastmod"),
            "ByExpiryDate" => by_date("ExpiryDate"),
            "Reverse" => PagesObject::value(self.0.iter().rev().cloned().collect()),
            "GroupBy" => self.group_by(args)?,
            _ => return Ok(None),
        }))
    }
}

impl Object for PagesObject {
    fn type_name(&self) -> &str {
        "page.Pages"
    }

    fn arity(&self, name: &str) -> Arity {
        match name {
            "GroupBy" => Arity::Variadic(1),
            _ => Arity::Fixed(0),
        }
    }

    fn get(&self, name: &str, args: &[Value]) -> Result<Option<Value>, String> {
        self.method(name, args)
    }

    /// Pages read what their content renders with (`.Content`): see [`OtherPage`].
    fn is_pure(&self, _name: &str) -> bool {
        false
    }

    fn items(&self) -> Option<Value> {
        let pages = self.0.iter().map(|page| Value::Object(page.clone() as Rc<dyn Object>));
        Value::list(pages.collect()).ok()
    }

    fn truthy(&self) -> bool {
        !self.0.is_empty()
    }

    fn display(&self) -> String {
        format!("Pages({})", self.0.len())
    }
}

/// `page.PageGroup`: `.Key` and `.Pages`, and the pages' own methods.
struct PageGroup {
    key: Value,
    pages: PagesObject,
}

impl Object for PageGroup {
    fn type_name(&self) -> &str {
        "page.PageGroup"
    }

    fn arity(&self, name: &str) -> Arity {
        self.pages.arity(name)
    }

    fn get(&self, name: &str, args: &[Value]) -> Result<Option<Value>, String> {
        match name {
            "Key" => Ok(Some(self.key.clone())),
            "Pages" => Ok(Some(PagesObject::value(self.pages.0.clone()))),
            _ => self.pages.method(name, args),
        }
    }

    fn is_pure(&self, _name: &str) -> bool {
        false
    }

    fn items(&self) -> Option<Value> {
        self.pages.items()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sections_as_hugo_makes_them() {
        let indexed = ["docs", "docs/guide/deep"];
        let has_index = |folder: &str| indexed.contains(&folder);
        assert_eq!(parent_section("a.md", &has_index), Some(""));
        assert_eq!(parent_section("_index.md", &has_index), None);
        assert_eq!(parent_section("docs/_index.md", &has_index), Some(""));
        assert_eq!(parent_section("docs/a.md", &has_index), Some("docs"));
        assert_eq!(parent_section("docs/guide/a.md", &has_index), Some("docs"), "no _index");
        assert_eq!(parent_section("docs/guide/deep/_index.md", &has_index), Some("docs"));
        assert_eq!(parent_section("docs/guide/deep/x/index.md", &has_index), Some("docs/guide/deep"));
        assert_eq!(parent_section("blog/post/index.md", &has_index), Some("blog"));
        assert_eq!(own_section("docs/_index.md"), Some("docs"));
        assert_eq!(own_section("_index.md"), Some(""));
        assert_eq!(own_section("docs/a.md"), None);
    }
}
