//! Hugo's built-in shortcodes, offline and safe.
//!
//! In: a [`Call`] and its [`Env`]. Out: the HTML current Hugo's embedded template would
//! produce (`tpl/tplimpl/embedded/templates/_shortcodes/*.html`), minus whatever needs the
//! network: oEmbed cards (`x`, `tweet`, `instagram`, `gist`) become static link cards, and
//! video iframes appear only when embeds are allowed (otherwise a static card). Problems go
//! to the [`Report`] with Hugo's messages. Output is sanitized later like everything else.

use super::call::{Call, Env, Report};

/// One built-in shortcode.
pub struct Builtin {
    pub name: &'static str,
    /// Whether Hugo's template uses `.Inner` (so the call must be closed or self-closed).
    pub uses_inner: bool,
    pub render: fn(&Call, &Env, &mut Report) -> String,
}

/// Every built-in, by name.
pub const BUILTINS: &[Builtin] = &[Builtin {
    name: "comment",
    uses_inner: true,
    render: comment,
}];

/// The built-in called `name` (exact, case-sensitive, as Hugo's template lookup).
pub fn lookup(name: &str) -> Option<&'static Builtin> {
    BUILTINS.iter().find(|b| b.name == name)
}

/// `comment`: swallows its inner content (HEAD, deprecated in 0.143).
fn comment(_call: &Call, _env: &Env, report: &mut Report) -> String {
    report.warning(
        "The \"comment\" shortcode was deprecated in v0.143.0 and will be removed in a future release. Please use HTML comments instead.",
    );
    String::new()
}
