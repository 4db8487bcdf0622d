//! `hugo` (Hugo's `tpl/hugo`): the build's `page.HugoInfo`, whose members templates read as
//! `hugo.Version`, `hugo.IsServer`, `hugo.Store`, … (Hugo maps no functions in this
//! namespace: `hugo.X` is a field or method of the object `hugo` returns, and so it is here).
//!
//! The preview answers as `hugo server` would (Hugo 0.168's `resources/page/hugoinfo.go`):
//! environment `development`, a running server, the extended edition, and the version the
//! preview follows. What a template can only get from a whole project on disk (the working
//! directory, the Go build's facts) is empty.

use super::{want_args, FuncContext};
use crate::template::value::{Arity, Object, SafeKind, Value};
use crate::template::Scratch;
use std::cell::RefCell;
use std::rc::Rc;

/// Hugo's `hugo.EnvironmentDevelopment`: what `hugo server` runs in.
pub(crate) const ENVIRONMENT: &str = "development";

/// Hugo's `page.HugoInfo`. The site owns one (`.Site.Hugo`), and `hugo` returns it.
pub struct HugoInfo {
    /// `hugo.Data`: the same tree as `.Site.Data`.
    data: Value,
    /// Two or more languages configured.
    multilingual: bool,
    /// `hugo.Store`: one pad for one render (Hugo keeps it for a build; a preview builds one
    /// page at a time, so it starts empty for each render).
    store: RefCell<Rc<Scratch>>,
}

impl HugoInfo {
    pub fn new(data: Value, multilingual: bool) -> HugoInfo {
        HugoInfo {
            data,
            multilingual,
            store: Default::default(),
        }
    }

    /// A new render: `hugo.Store` starts empty.
    pub fn start_render(&self) {
        *self.store.borrow_mut() = Default::default();
    }
}

impl Object for HugoInfo {
    fn type_name(&self) -> &str {
        "page.HugoInfo"
    }

    fn arity(&self, name: &str) -> Arity {
        match name {
            "CommitHash" | "BuildDate" | "GoVersion" | "Context" => Arity::Field,
            _ => Arity::Fixed(0),
        }
    }

    /// The store is shared by every call of the render.
    fn is_pure(&self, name: &str) -> bool {
        name != "Store"
    }

    fn get(&self, name: &str, _args: &[Value]) -> Result<Option<Value>, String> {
        let version = crate::rules::HUGO_VERSION;
        Ok(Some(match name {
            "Version" => Value::Object(Rc::new(super::compare::VersionString(version))),
            "Generator" => Value::safe(
                SafeKind::Html,
                format!(r#"<meta name="generator" content="Hugo {version}">"#),
            ),
            "Environment" => Value::from(ENVIRONMENT),
            "IsDevelopment" => Value::Bool(true),
            "IsProduction" => Value::Bool(false),
            "IsServer" => Value::Bool(true),
            "IsExtended" => Value::Bool(true),
            "IsMultihost" => Value::Bool(false),
            "IsMultilingual" => Value::Bool(self.multilingual),
            // A preview has the project's files, not a folder on a disk.
            "WorkingDir" => Value::from(""),
            "CommitHash" | "BuildDate" | "GoVersion" => Value::from(""),
            "Deps" => Value::list(Vec::new())?,
            "Context" => Value::Object(Rc::new(HugoContext)),
            "Store" => Value::Object(self.store.borrow().clone()),
            "Data" => self.data.clone(),
            "Sites" => {
                return Err("hugo.Sites is not supported by the preview, which renders one page \
                            of one site: use site"
                    .into())
            }
            _ => return Ok(None),
        }))
    }
}

/// Hugo's `hugo.Context` (`common/hugo`): the context-scoped values a template can read.
struct HugoContext;

impl Object for HugoContext {
    fn type_name(&self) -> &str {
        "hugo.Context"
    }

    fn arity(&self, _name: &str) -> Arity {
        Arity::Fixed(0)
    }

    fn get(&self, name: &str, _args: &[Value]) -> Result<Option<Value>, String> {
        Ok(Some(match name {
            // The scope of `.RenderShortcodes`/`.Content` with a markup scope: empty for a
            // page's own content, which is all a preview renders (checked with Hugo 0.168:
            // `[{{ hugo.Context.MarkupScope }}]` in a shortcode prints `[]`).
            "MarkupScope" => Value::from(""),
            _ => return Ok(None),
        }))
    }

    /// Go prints the empty struct as `{}`.
    fn display(&self) -> String {
        "{}".into()
    }
}

/// `hugo`: the site's `HugoInfo` (`.Site.Hugo`).
pub(super) fn hugo(ctx: &mut FuncContext, args: &[Value]) -> Result<Value, String> {
    want_args("hugo", args, 0)?;
    match &ctx.site_object {
        Some(Value::Object(site)) => match ctx.member(site.as_ref(), "Hugo", &[])? {
            Some(info) => Ok(info),
            None => Err("hugo: the site has no Hugo information".into()),
        },
        _ => Ok(Value::Object(Rc::new(HugoInfo::new(
            Value::map(Default::default())?,
            false,
        )))),
    }
}
