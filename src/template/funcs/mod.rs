//! The functions templates call (`default`, `printf`, `strings.TrimSpace`, `dict`, …), as
//! Hugo defines them (`tpl/*`). Control functions that need the engine (`and`, `or`,
//! `partial`, `template`) live in the executor.
//!
//! Each function takes its evaluated arguments (for a pipeline, the piped value is the last
//! one, as in Go) and returns a value or an error message, which the engine reports with the
//! template's line and column.
//!
//! One file per Hugo namespace (`compare`, `collections`, `strings`, …); Go's own builtins
//! (`not`, `len`, `index`, `html`, `js`, `urlquery`, `call`) are in [`builtins`]. Every name a
//! template may call, aliases and namespaced forms included, is listed once in [`FUNCS`].
//!
//! Left out on purpose (the executor reports `function "X" not defined`): functions that
//! need the network (`getJSON`), nondeterministic ones (`shuffle`, `math.Rand`,
//! `math.Counter`), and ones that need page collections (`group`, `.Site.Pages`-style
//! queries). `partial`, `try` and `templates.*` need the engine
//! and live in the executor.

use super::value::{Object, Value};
use crate::diagnostic::Severity;
use std::cell::Cell;
use std::collections::BTreeMap;

mod builtins;
mod cast;
mod collections;
mod compare;
mod crypto;
mod fmt;
mod hugo;
pub use hugo::HugoInfo;
mod images;
pub(crate) use hugo::ENVIRONMENT;
mod inflect;
mod lang;
mod math;
mod openapi;
mod os;
mod path;
mod remarshal;
pub(crate) use math::add_values;
mod resources;
mod safe;
mod strings;
mod time;
pub use cast::to_string;
pub use crypto::md5_hex;
pub(crate) use transform::options_json as highlight_options_json;
mod transform;
mod urls;

/// What the functions need from the page being rendered and its site, which the template
/// engine does not know: the shortcode stage gives it
/// (`crate::shortcode::templates::PageHost`).
pub trait Host {
    /// Hugo's `markdownify` / `.RenderString`: Markdown to HTML with the page's settings
    /// (`block` false strips a lone `<p>`).
    fn render_markdown(&self, text: &str, block: bool) -> String;
    /// `highlight CODE LANG [OPTIONS]`: the code coloured as the site's `markup.highlight`
    /// says, OPTIONS a `key=value,…` string or a map. `Err`: OPTIONS is not a string.
    fn highlight(
        &self,
        code: &str,
        lang: &str,
        options: Option<&Value>,
    ) -> Result<Highlighted, String>;
    /// `ref`/`relref`: the permalink of the page PATH names, absolute or relative, and
    /// Hugo's `REF_NOT_FOUND` message when the page is not known.
    fn reference(&self, path: &str, absolute: bool, from: RefFrom<'_>) -> (String, Option<String>);
    /// The site's `baseURL`.
    fn base_url(&self) -> &str;
    /// `transform.HighlightCodeBlock`: a code block coloured as a fenced block with these
    /// attributes and options (a JSON object: HTML attributes and highlight options mixed,
    /// as a fence's `{…}` gives them). By default, as [`Host::highlight`] would colour it.
    fn highlight_block(
        &self,
        code: &str,
        lang: &str,
        attributes_json: String,
    ) -> Result<Highlighted, String> {
        let _ = attributes_json;
        self.highlight(code, lang, None)
    }
    /// `transform.CanHighlight LANG`: whether the highlighter has a lexer for LANG; `None`
    /// while it is not there (not loaded yet, or none in this build).
    fn can_highlight(&self, _lang: &str) -> Option<bool> {
        None
    }
    /// `.Content` of another page of the site: its path in `content/` and its file's text →
    /// its content's HTML (not yet sanitized: the page it is shown in is), or why not.
    fn other_content(&self, path: &str, _text: &str) -> Result<String, String> {
        Err(format!("the preview cannot render the content of {path} here"))
    }
    /// `transform.ToMath`: KaTeX's answer to a request ([`crate::math`]);
    /// [`crate::math::Answer::Unavailable`] while it loads, or when there is none
    /// ([`Host::math_available`]).
    fn to_math(&self, _request: &str) -> crate::math::Answer {
        crate::math::Answer::Unavailable
    }
    /// Whether there is a KaTeX to render `transform.ToMath` (loaded or loading).
    fn math_available(&self) -> bool {
        false
    }
    /// `resources.Get PATH`: the site's asset at PATH (under `assets/`), if any.
    fn asset(&self, _path: &str) -> Option<Value> {
        None
    }
    /// `resources.Match PATTERN`: the site's assets whose path matches the glob, in order.
    fn assets_matching(&self, _pattern: &str) -> Vec<Value> {
        Vec::new()
    }
    /// `resources.FromString NAME CONTENT`: a text resource.
    fn text_resource(&self, _name: &str, _content: &str) -> Option<Value> {
        None
    }
    /// `resources.Copy TARGET RESOURCE`: the resource published at TARGET; `None` when
    /// RESOURCE is not a resource.
    fn copy_resource(&self, _target: &str, _resource: &dyn Object) -> Option<Value> {
        None
    }
    /// `readFile PATH`: the text of the site's file at PATH (from the project's root, a
    /// theme's where the project has none).
    fn site_file(&self, _path: &str) -> Option<String> {
        None
    }
    /// `readDir PATH`: the entries of the project's folder at PATH (Hugo's working folder,
    /// themes not merged), each a name and, for a file, its size (none for a folder); empty
    /// when there is no such folder.
    fn site_folder(&self, _path: &str) -> Vec<(String, Option<usize>)> {
        Vec::new()
    }
    /// `os.Stat PATH`: the site's file or folder at PATH, as [`Host::site_file`] finds it.
    fn site_entry(&self, _path: &str) -> Option<SiteEntry> {
        None
    }
    /// The `clock` render option (Hugo's `--clock`): the time `now` gives, RFC 3339; `None`
    /// for the system's clock.
    fn clock(&self) -> Option<&str> {
        None
    }
    /// The site's `security.funcs.getenv`: patterns of the variables `os.Getenv` may read.
    fn getenv_policy(&self) -> &[String] {
        &[]
    }
}

/// A file or folder of the site, as `os.Stat` sees it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SiteEntry {
    Folder,
    /// `size` in bytes; `None` for a binary file, whose bytes the preview was not given.
    File { size: Option<usize> },
}

/// What [`Host::highlight`] gives.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Highlighted {
    pub html: String,
    /// An option error: Hugo drops it and writes nothing; the preview warns.
    pub warning: Option<String>,
    /// Uncoloured because the highlighter is still loading: an output not to remember.
    pub pending: bool,
}

/// Where a `ref` was made, for the `REF_NOT_FOUND` message.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RefFrom<'a> {
    /// A shortcode: its `.Position` as `%s` prints it.
    Position(&'a str),
    /// The page being rendered.
    Page,
}

/// What functions may use besides their arguments.
pub struct FuncContext<'a> {
    /// The page and site the templates run for.
    pub host: &'a dyn Host,
    /// `T` / `i18n`: translation id → the translation's value (a string, or a map with
    /// `one`/`other`… for plurals), from the site's `i18n/LANG.toml`.
    pub i18n: &'a BTreeMap<String, Value>,
    /// `warnf`, `errorf`, `erroridf`, `warnidf` messages, in order; the engine turns them
    /// into diagnostics at the call.
    pub problems: Vec<(Severity, String)>,
    /// What Hugo's global `site` function returns (the page's `.Site`); `None` outside a page.
    pub site_object: Option<Value>,
    /// What Hugo's global `page` function returns (the page being rendered); `None` where
    /// there is none.
    pub page_object: Option<Value>,
    /// Set when the execution read an impure member ([`Object::is_pure`]) or called an impure
    /// function: its output may differ for another call with the same dot. Only ever set.
    pub impure: Cell<bool>,
}

impl FuncContext<'_> {
    /// Member `name` of `object` (a field, or a method called with `args`): every read of an
    /// object's member goes through here, so that [`FuncContext::impure`] sees it.
    pub fn member(
        &self,
        object: &dyn Object,
        name: &str,
        args: &[Value],
    ) -> Result<Option<Value>, String> {
        if !object.is_pure(name) {
            self.impure.set(true);
        }
        object.get_with_host(name, args, self.host)
    }
}

/// A template function.
pub type Func = fn(&mut FuncContext, &[Value]) -> Result<Value, String>;

/// Every function, by the name templates use (aliases and namespaced names included).
const FUNCS: &[(&str, Func)] = &[
    // Go's text/template builtins (`and`, `or` are in the executor: they short-circuit).
    ("call", builtins::call),
    ("site", site),
    ("page", page),
    ("html", builtins::html),
    ("index", builtins::index),
    ("collections.Index", builtins::index),
    ("js", builtins::js),
    ("len", builtins::len),
    ("not", builtins::not),
    ("urlquery", builtins::urlquery),
    // os: the site's files as given
    ("fileExists", os::file_exists),
    ("os.FileExists", os::file_exists),
    ("readFile", os::read_file),
    ("os.ReadFile", os::read_file),
    ("readDir", os::read_dir),
    ("os.ReadDir", os::read_dir),
    ("os.Stat", os::stat),
    ("os.Getenv", os::getenv),
    ("getenv", os::getenv),
    // fmt
    ("print", fmt::print),
    ("fmt.Print", fmt::print),
    ("printf", fmt::printf),
    ("fmt.Printf", fmt::printf),
    ("println", fmt::println),
    ("fmt.Println", fmt::println),
    ("errorf", fmt::errorf),
    ("fmt.Errorf", fmt::errorf),
    ("erroridf", fmt::erroridf),
    ("fmt.Erroridf", fmt::erroridf),
    ("warnf", fmt::warnf),
    ("fmt.Warnf", fmt::warnf),
    ("warnidf", fmt::warnidf),
    ("fmt.Warnidf", fmt::warnidf),
    // compare
    ("eq", compare::eq),
    ("compare.Eq", compare::eq),
    ("ne", compare::ne),
    ("compare.Ne", compare::ne),
    ("lt", compare::lt),
    ("compare.Lt", compare::lt),
    ("le", compare::le),
    ("compare.Le", compare::le),
    ("gt", compare::gt),
    ("compare.Gt", compare::gt),
    ("ge", compare::ge),
    ("compare.Ge", compare::ge),
    ("default", compare::default),
    ("compare.Default", compare::default),
    ("cond", compare::conditional),
    ("compare.Conditional", compare::conditional),
    // collections
    ("after", collections::after),
    ("collections.After", collections::after),
    ("append", collections::append),
    ("apply", collections::apply),
    ("collections.Apply", collections::apply),
    ("collections.Append", collections::append),
    ("complement", collections::complement),
    ("collections.Complement", collections::complement),
    ("delimit", collections::delimit),
    ("collections.Delimit", collections::delimit),
    ("dict", collections::dict),
    ("collections.Dictionary", collections::dict),
    ("first", collections::first),
    ("collections.First", collections::first),
    ("in", collections::in_),
    ("collections.In", collections::in_),
    ("intersect", collections::intersect),
    ("collections.Intersect", collections::intersect),
    ("isset", collections::isset),
    ("isSet", collections::isset),
    ("collections.IsSet", collections::isset),
    ("last", collections::last),
    ("collections.Last", collections::last),
    ("newScratch", collections::new_scratch),
    ("collections.NewScratch", collections::new_scratch),
    ("merge", collections::merge),
    ("collections.Merge", collections::merge),
    ("querify", collections::querify),
    ("collections.Querify", collections::querify),
    ("collections.Reverse", collections::reverse),
    ("seq", collections::seq),
    ("collections.Seq", collections::seq),
    ("slice", collections::slice),
    ("collections.Slice", collections::slice),
    ("sort", collections::sort),
    ("collections.Sort", collections::sort),
    ("symdiff", collections::symdiff),
    ("collections.SymDiff", collections::symdiff),
    ("union", collections::union),
    ("collections.Union", collections::union),
    ("uniq", collections::uniq),
    ("collections.Uniq", collections::uniq),
    ("where", collections::where_),
    ("collections.Where", collections::where_),
    // strings
    ("chomp", strings::chomp),
    ("strings.Chomp", strings::chomp),
    ("strings.Contains", strings::contains),
    ("strings.ContainsAny", strings::contains_any),
    ("strings.ContainsNonSpace", strings::contains_non_space),
    ("strings.Count", strings::count),
    ("countrunes", strings::count_runes),
    ("strings.CountRunes", strings::count_runes),
    ("countwords", strings::count_words),
    ("strings.CountWords", strings::count_words),
    ("findRE", strings::find_re),
    ("strings.FindRE", strings::find_re),
    ("findRESubmatch", strings::find_re_submatch),
    ("strings.FindRESubmatch", strings::find_re_submatch),
    ("strings.FirstUpper", strings::first_upper),
    ("strings.HasPrefix", strings::has_prefix),
    ("hasPrefix", strings::has_prefix),
    ("strings.HasSuffix", strings::has_suffix),
    ("hasSuffix", strings::has_suffix),
    ("strings.Repeat", strings::repeat),
    ("replace", strings::replace),
    ("strings.Replace", strings::replace),
    ("strings.ReplacePairs", strings::replace_pairs),
    ("replaceRE", strings::replace_re),
    ("strings.ReplaceRE", strings::replace_re),
    ("strings.RuneCount", strings::rune_count),
    ("slicestr", strings::slice_string),
    ("strings.SliceString", strings::slice_string),
    ("split", strings::split),
    ("strings.Split", strings::split),
    ("substr", strings::substr),
    ("strings.Substr", strings::substr),
    ("title", strings::title),
    ("strings.Title", strings::title),
    ("lower", strings::to_lower),
    ("strings.ToLower", strings::to_lower),
    ("upper", strings::to_upper),
    ("strings.ToUpper", strings::to_upper),
    ("trim", strings::trim),
    ("strings.Trim", strings::trim),
    ("strings.TrimLeft", strings::trim_left),
    ("strings.TrimPrefix", strings::trim_prefix),
    ("strings.TrimRight", strings::trim_right),
    ("strings.TrimSpace", strings::trim_space),
    ("strings.TrimSuffix", strings::trim_suffix),
    ("truncate", strings::truncate),
    ("strings.Truncate", strings::truncate),
    // inflect
    ("humanize", inflect::humanize),
    ("inflect.Humanize", inflect::humanize),
    // transform
    ("emojify", transform::emojify),
    ("transform.Emojify", transform::emojify),
    ("jsonify", transform::jsonify),
    ("encoding.Jsonify", transform::jsonify),
    ("htmlEscape", transform::html_escape),
    ("transform.HTMLEscape", transform::html_escape),
    ("htmlUnescape", transform::html_unescape),
    ("transform.HTMLUnescape", transform::html_unescape),
    ("markdownify", transform::markdownify),
    ("transform.Markdownify", transform::markdownify),
    // resources: the site's assets as given; no network
    ("images.AutoOrient", images::auto_orient),
    ("images.Brightness", images::brightness),
    ("images.ColorBalance", images::color_balance),
    ("images.Colorize", images::colorize),
    ("images.Contrast", images::contrast),
    ("images.Dither", images::dither),
    ("images.Gamma", images::gamma),
    ("images.GaussianBlur", images::gaussian_blur),
    ("images.Grayscale", images::grayscale),
    ("images.Hue", images::hue),
    ("images.Invert", images::invert),
    ("images.Mask", images::mask),
    ("images.Opacity", images::opacity),
    ("images.Overlay", images::overlay),
    ("images.Padding", images::padding),
    ("images.Pixelate", images::pixelate),
    ("images.Process", images::process),
    ("images.Saturation", images::saturation),
    ("images.Sepia", images::sepia),
    ("images.Sigmoid", images::sigmoid),
    ("images.Text", images::text),
    ("images.UnsharpMask", images::unsharp_mask),
    ("images.Filter", images::apply),
    ("resources.Get", resources::get),
    ("resources.GetRemote", resources::get_remote),
    ("resources.FromString", resources::from_string),
    ("resources.Copy", resources::copy),
    ("resources.GetMatch", resources::get_match),
    ("resources.Match", resources::match_all),
    ("reflect.IsMap", cast::is_map),
    ("reflect.IsSlice", cast::is_slice),
    ("reflect.IsPage", cast::is_page),
    ("reflect.IsSite", cast::is_site),
    ("reflect.IsResource", cast::is_resource),
    ("reflect.IsImageResource", cast::is_image_resource),
    ("reflect.IsImageResourceWithMeta", cast::is_image_resource_with_meta),
    (
        "reflect.IsImageResourceProcessable",
        cast::is_image_resource_processable,
    ),
    ("highlight", transform::highlight),
    ("transform.CanHighlight", transform::can_highlight),
    ("transform.HighlightCodeBlock", transform::highlight_code_block),
    ("unmarshal", transform::unmarshal),
    ("transform.Unmarshal", transform::unmarshal),
    ("openapi3.Unmarshal", openapi::unmarshal),
    ("transform.ToMath", transform::to_math),
    ("transform.Remarshal", remarshal::remarshal),
    ("transform.XMLEscape", transform::xml_escape),
    ("minify", transform::minify),
    ("resources.Minify", transform::minify),
    ("transform.Highlight", transform::highlight),
    ("plainify", transform::plainify),
    ("transform.Plainify", transform::plainify),
    // safe
    ("safeCSS", safe::css),
    ("safe.CSS", safe::css),
    ("safeHTML", safe::html),
    ("safe.HTML", safe::html),
    ("safeHTMLAttr", safe::html_attr),
    ("safe.HTMLAttr", safe::html_attr),
    ("safeJS", safe::js),
    ("safe.JS", safe::js),
    ("safeURL", safe::url),
    ("safe.URL", safe::url),
    // math
    ("add", math::add),
    ("math.Add", math::add),
    ("sub", math::sub),
    ("math.Sub", math::sub),
    ("mul", math::mul),
    ("math.Mul", math::mul),
    ("div", math::div),
    ("math.Div", math::div),
    ("mod", math::modulo),
    ("math.Mod", math::modulo),
    ("modBool", math::mod_bool),
    ("math.ModBool", math::mod_bool),
    ("math.Abs", math::abs),
    ("math.Ceil", math::ceil),
    ("math.Floor", math::floor),
    ("math.Log", math::log),
    ("math.Max", math::max),
    ("math.Min", math::min),
    ("math.Pow", math::pow),
    ("pow", math::pow),
    ("math.Round", math::round),
    ("math.Sqrt", math::sqrt),
    ("math.Sum", math::sum),
    ("math.Product", math::product),
    ("math.Pi", math::pi),
    ("math.MaxInt64", math::max_int64),
    ("math.Sin", math::sin),
    ("math.Cos", math::cos),
    ("math.Tan", math::tan),
    ("math.Asin", math::asin),
    ("math.Acos", math::acos),
    ("math.Atan", math::atan),
    ("math.Atan2", math::atan2),
    ("math.ToDegrees", math::to_degrees),
    ("math.ToRadians", math::to_radians),
    // cast
    ("float", cast::to_float_func),
    ("cast.ToFloat", cast::to_float_func),
    ("int", cast::to_int_func),
    ("cast.ToInt", cast::to_int_func),
    ("string", cast::to_string_func),
    ("cast.ToString", cast::to_string_func),
    // urls
    ("absLangURL", urls::abs_lang_url),
    ("urls.AbsLangURL", urls::abs_lang_url),
    ("absURL", urls::abs_url),
    ("urls.AbsURL", urls::abs_url),
    ("anchorize", urls::anchorize),
    ("urls.Anchorize", urls::anchorize),
    ("urls.JoinPath", urls::join_path),
    ("urls.Parse", urls::parse),
    ("urls.PathEscape", urls::path_escape),
    ("urls.PathUnescape", urls::path_unescape),
    ("ref", urls::ref_),
    ("urls.Ref", urls::ref_),
    ("relref", urls::rel_ref),
    ("urls.RelRef", urls::rel_ref),
    ("relLangURL", urls::rel_lang_url),
    ("urls.RelLangURL", urls::rel_lang_url),
    ("relURL", urls::rel_url),
    ("urls.RelURL", urls::rel_url),
    ("urlize", urls::urlize),
    ("urls.URLize", urls::urlize),
    // path
    ("path.Base", path::path_base),
    ("path.BaseName", path::path_base_name),
    ("path.Clean", path::path_clean),
    ("path.Dir", path::path_dir),
    ("path.Ext", path::path_ext),
    ("path.Join", path::path_join),
    ("path.Split", path::path_split),
    // lang
    ("T", lang::translate),
    ("i18n", lang::translate),
    ("lang.Translate", lang::translate),
    // crypto, hugo
    ("sha1", crypto::sha1),
    ("crypto.SHA1", crypto::sha1),
    ("md5", crypto::md5),
    ("sha256", crypto::sha256),
    ("crypto.SHA256", crypto::sha256),
    ("hash.FNV32a", crypto::fnv32a),
    ("encoding.HexEncode", crypto::hex_encode),
    ("encoding.HexDecode", crypto::hex_decode),
    ("crypto.MD5", crypto::md5),
    ("base64Encode", crypto::base64_encode),
    ("encoding.Base64Encode", crypto::base64_encode),
    ("base64Decode", crypto::base64_decode),
    ("encoding.Base64Decode", crypto::base64_decode),
    // hugo: `hugo.X` is member X of what `hugo` returns
    ("hugo", hugo::hugo),
    // time
    ("dateFormat", time::format),
    ("time.Format", time::format),
    ("now", time::now),
    ("time.Now", time::now),
];

/// Whether the function `name` reads its arguments as collections, so that a list-like
/// object ([`Object::items`]) is given to it as its items.
pub(crate) fn takes_collections(name: &str) -> bool {
    let bare = name.strip_prefix("collections.").unwrap_or(name);
    matches!(
        bare,
        "len"
            | "index"
            | "Index"
            | "first"
            | "First"
            | "last"
            | "Last"
            | "after"
            | "After"
            | "where"
            | "Where"
            | "sort"
            | "Sort"
            | "uniq"
            | "Uniq"
            | "delimit"
            | "Delimit"
            | "in"
            | "In"
            | "intersect"
            | "Intersect"
            | "union"
            | "Union"
            | "complement"
            | "Complement"
            | "symdiff"
            | "SymDiff"
            | "apply"
            | "Apply"
            | "append"
            | "Append"
            | "Reverse"
            | "isset"
            | "isSet"
            | "IsSet"
    )
}

/// The function called `name`, if there is one.
pub fn lookup(name: &str) -> Option<Func> {
    FUNCS.iter().find(|(n, _)| *n == name).map(|(_, f)| *f)
}

/// The names of every supported function, in the order of the table (for documentation).
#[cfg(feature = "internals")]
pub fn names() -> impl Iterator<Item = &'static str> {
    FUNCS.iter().map(|(name, _)| *name)
}

/// Go's check of a call's argument count, with its message.
pub(crate) fn want_args(name: &str, args: &[Value], count: usize) -> Result<(), String> {
    if args.len() == count {
        Ok(())
    } else {
        Err(format!(
            "wrong number of args for {name}: want {count} got {}",
            args.len()
        ))
    }
}

/// Go's check for a variadic function: at least `min` arguments.
fn want_at_least(name: &str, args: &[Value], min: usize) -> Result<(), String> {
    if args.len() >= min {
        Ok(())
    } else {
        Err(format!(
            "wrong number of args for {name}: want at least {min} got {}",
            args.len()
        ))
    }
}

/// A function with optional trailing arguments: between `min` and `max` arguments. Go
/// phrases a shortfall as for a variadic function; extra arguments are Hugo's
/// `too many arguments`.
fn want_between(name: &str, args: &[Value], min: usize, max: usize) -> Result<(), String> {
    want_at_least(name, args, min)?;
    if args.len() > max {
        return Err(format!(
            "wrong number of args for {name}: want at most {max} got {}",
            args.len()
        ));
    }
    Ok(())
}

/// The text of member `key` of a map value ("" when it is not there).
pub(crate) fn lookup_path_text(value: &Value, key: &str) -> String {
    match value {
        Value::Map(map) => map.get(key).map(Value::to_go_string).unwrap_or_default(),
        _ => String::new(),
    }
}

/// Hugo's `site`: the current site, as `.Site` gives it.
/// Hugo's `page`: the page being rendered, wherever a template runs for it.
fn page(ctx: &mut FuncContext, args: &[Value]) -> Result<Value, String> {
    if !args.is_empty() {
        return Err(format!(
            "wrong number of args for page: want 0 got {}",
            args.len()
        ));
    }
    Ok(ctx.page_object.clone().unwrap_or_default())
}

fn site(ctx: &mut FuncContext, args: &[Value]) -> Result<Value, String> {
    if !args.is_empty() {
        return Err(format!(
            "wrong number of args for site: want 0 got {}",
            args.len()
        ));
    }
    Ok(ctx.site_object.clone().unwrap_or_default())
}
