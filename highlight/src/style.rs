//! Chroma's styles: the entry syntax (`#rrggbb bg:#rrggbb bold noitalic …`), the XML files Hugo
//! embeds, the inheritance `Style::get` computes (an entry falls back to its sub-category,
//! category, `Text` and `Background`, and line numbers / highlighted lines are synthesised from
//! the background), and the CSS Chroma's HTML formatter writes for a style.

use std::collections::BTreeMap;
use std::sync::OnceLock;

use crate::data::STYLES;
use crate::token::TokenType;

/// An RGB colour as Chroma stores it: the value plus one, so zero means "unset". Chroma's
/// arithmetic on an unset colour (which reads as white) is kept.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct Colour(pub i32);

/// Chroma's colour names (`#ansired`, `#red`, …).
const ANSI: &[(&str, &str)] = &[
    ("#ansiblack", "000000"),
    ("#ansidarkred", "7f0000"),
    ("#ansidarkgreen", "007f00"),
    ("#ansibrown", "7f7fe0"),
    ("#ansidarkblue", "00007f"),
    ("#ansipurple", "7f007f"),
    ("#ansiteal", "007f7f"),
    ("#ansilightgray", "e5e5e5"),
    ("#ansidarkgray", "555555"),
    ("#ansired", "ff0000"),
    ("#ansigreen", "00ff00"),
    ("#ansiyellow", "ffff00"),
    ("#ansiblue", "0000ff"),
    ("#ansifuchsia", "ff00ff"),
    ("#ansiturquoise", "00ffff"),
    ("#ansiwhite", "ffffff"),
    ("#black", "000000"),
    ("#darkred", "7f0000"),
    ("#darkgreen", "007f00"),
    ("#brown", "7f7fe0"),
    ("#darkblue", "00007f"),
    ("#purple", "7f007f"),
    ("#teal", "007f7f"),
    ("#lightgray", "e5e5e5"),
    ("#darkgray", "555555"),
    ("#red", "ff0000"),
    ("#green", "00ff00"),
    ("#yellow", "ffff00"),
    ("#blue", "0000ff"),
    ("#fuchsia", "ff00ff"),
    ("#turquoise", "00ffff"),
    ("#white", "ffffff"),
];

impl Colour {
    pub const UNSET: Colour = Colour(0);

    pub fn new(r: u8, g: u8, b: u8) -> Colour {
        Colour(((r as i32) << 16 | (g as i32) << 8 | b as i32) + 1)
    }

    /// `#rgb`, `#rrggbb`, `#ansired`, `#red`; unset when invalid (as Chroma's `ParseColour`).
    pub fn parse(s: &str) -> Colour {
        let hex: String = if let Some(&(_, v)) = ANSI.iter().find(|(n, _)| *n == s) {
            v.to_owned()
        } else if let Some(rest) = s.strip_prefix('#') {
            let b = rest.as_bytes();
            if b.len() == 3 {
                [b[0], b[0], b[1], b[1], b[2], b[2]]
                    .iter()
                    .map(|&c| c as char)
                    .collect()
            } else {
                rest.to_owned()
            }
        } else {
            s.to_owned()
        };
        // Go's strconv.ParseUint(s, 16, 32): hex digits only, no sign or prefix.
        if hex.is_empty() || !hex.bytes().all(|c| c.is_ascii_hexdigit()) {
            return Colour::UNSET;
        }
        match u32::from_str_radix(&hex, 16) {
            Ok(n) => Colour((n as i32).wrapping_add(1)),
            Err(_) => Colour::UNSET,
        }
    }

    pub fn is_set(self) -> bool {
        self.0 != 0
    }

    fn raw(self) -> i32 {
        self.0.wrapping_sub(1)
    }

    pub fn red(self) -> u8 {
        ((self.raw() >> 16) & 0xff) as u8
    }

    pub fn green(self) -> u8 {
        ((self.raw() >> 8) & 0xff) as u8
    }

    pub fn blue(self) -> u8 {
        (self.raw() & 0xff) as u8
    }

    /// Brightness in 0.0..=1.0, Chroma's plain average.
    pub fn brightness(self) -> f64 {
        (self.red() as f64 + self.green() as f64 + self.blue() as f64) / 255.0 / 3.0
    }

    /// Brighter by `factor` (0..1), or darker when `factor` is negative.
    pub fn brighten(self, factor: f64) -> Colour {
        let (mut r, mut g, mut b) = (self.red() as f64, self.green() as f64, self.blue() as f64);
        if factor < 0.0 {
            let f = factor + 1.0;
            r *= f;
            g *= f;
            b *= f;
        } else {
            r += (255.0 - r) * factor;
            g += (255.0 - g) * factor;
            b += (255.0 - b) * factor;
        }
        Colour::new(r as u8, g as u8, b as u8)
    }

    pub fn brighten_or_darken(self, factor: f64) -> Colour {
        if self.brightness() < 0.5 {
            self.brighten(factor)
        } else {
            self.brighten(-factor)
        }
    }

    /// `#rrggbb`.
    pub fn css(self) -> String {
        let v = self.raw();
        if v < 0 {
            format!("#-{:06x}", v.unsigned_abs())
        } else {
            format!("#{v:06x}")
        }
    }
}

/// Chroma's three-valued flags: unset (inherit), on, off.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Trilean {
    #[default]
    Pass,
    Yes,
    No,
}

/// One style entry (`#f92672 bg:#272822 bold`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct StyleEntry {
    pub colour: Colour,
    pub background: Colour,
    pub border: Colour,
    pub bold: Trilean,
    pub italic: Trilean,
    pub underline: Trilean,
    pub no_inherit: bool,
}

impl StyleEntry {
    /// Chroma's `ParseStyleEntry`: whitespace-separated words; the error names the bad word.
    pub fn parse(s: &str) -> Result<StyleEntry, String> {
        let mut out = StyleEntry::default();
        for part in s.split_ascii_whitespace() {
            match part {
                "italic" => out.italic = Trilean::Yes,
                "noitalic" => out.italic = Trilean::No,
                "bold" => out.bold = Trilean::Yes,
                "nobold" => out.bold = Trilean::No,
                "underline" => out.underline = Trilean::Yes,
                "nounderline" => out.underline = Trilean::No,
                "inherit" => out.no_inherit = false,
                "noinherit" => out.no_inherit = true,
                "bg:" => out.background = Colour::UNSET,
                _ if part.starts_with("bg:#") => {
                    out.background = Colour::parse(&part[3..]);
                    if !out.background.is_set() {
                        return Err(format!("invalid background colour {part:?}"));
                    }
                }
                _ if part.starts_with("border:#") => {
                    out.border = Colour::parse(&part[7..]);
                    if !out.border.is_set() {
                        return Err(format!("invalid border colour {part:?}"));
                    }
                }
                _ if part.starts_with('#') => {
                    out.colour = Colour::parse(part);
                    if !out.colour.is_set() {
                        return Err(format!("invalid colour {part:?}"));
                    }
                }
                _ => return Err(format!("unknown style element {part:?}")),
            }
        }
        Ok(out)
    }

    pub fn is_zero(&self) -> bool {
        *self == StyleEntry::default()
    }

    /// Chroma's `Inherit`: fill what is unset from the ancestors, nearest (last) first, unless
    /// the entry says `noinherit`.
    pub fn inherit(&self, ancestors: &[StyleEntry]) -> StyleEntry {
        let mut out = *self;
        for a in ancestors.iter().rev() {
            if out.no_inherit {
                return out;
            }
            if !out.colour.is_set() {
                out.colour = a.colour;
            }
            if !out.background.is_set() {
                out.background = a.background;
            }
            if !out.border.is_set() {
                out.border = a.border;
            }
            if out.bold == Trilean::Pass {
                out.bold = a.bold;
            }
            if out.italic == Trilean::Pass {
                out.italic = a.italic;
            }
            if out.underline == Trilean::Pass {
                out.underline = a.underline;
            }
        }
        out
    }

    /// Chroma's `Sub`: what differs from `e` (`noinherit` is dropped).
    pub fn sub(&self, e: &StyleEntry) -> StyleEntry {
        let mut out = StyleEntry::default();
        if e.colour != self.colour {
            out.colour = self.colour;
        }
        if e.background != self.background {
            out.background = self.background;
        }
        if e.bold != self.bold {
            out.bold = self.bold;
        }
        if e.italic != self.italic {
            out.italic = self.italic;
        }
        if e.underline != self.underline {
            out.underline = self.underline;
        }
        if e.border != self.border {
            out.border = self.border;
        }
        out
    }

    /// The CSS declarations Chroma's HTML formatter writes for the entry (`StyleEntryToCSS`),
    /// uncompressed: `color: #f92672; font-weight: bold`. Borders are not written.
    pub fn to_css(&self) -> String {
        let mut parts: Vec<String> = Vec::new();
        if self.colour.is_set() {
            parts.push(format!("color: {}", self.colour.css()));
        }
        if self.background.is_set() {
            parts.push(format!("background-color: {}", self.background.css()));
        }
        if self.bold == Trilean::Yes {
            parts.push("font-weight: bold".into());
        }
        if self.italic == Trilean::Yes {
            parts.push("font-style: italic".into());
        }
        if self.underline == Trilean::Yes {
            parts.push("text-decoration: underline".into());
        }
        parts.join("; ")
    }
}

/// Light or dark, from the background's brightness.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    Light,
    Dark,
}

/// A style: its entries by token type.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Style {
    pub name: String,
    /// Lower-cased name of the opposite-mode style, "" for none.
    pub counterpart: String,
    entries: BTreeMap<TokenType, StyleEntry>,
}

impl Style {
    /// Parses one of Chroma's style XML files (`<style name=…><entry type=… style=…/>…</style>`).
    pub fn from_xml(xml: &str) -> Result<Style, String> {
        let root = crate::xml::parse(xml)?;
        if root.name != "style" {
            return Err(format!("unexpected element {}", root.name));
        }
        let mut style = Style {
            name: String::new(),
            counterpart: String::new(),
            entries: BTreeMap::new(),
        };
        for (k, v) in &root.attrs {
            match k.as_str() {
                "name" => style.name = v.clone(),
                "counterpart" => style.counterpart = v.to_lowercase(),
                _ => return Err(format!("unexpected attribute {k}")),
            }
        }
        if style.name.is_empty() {
            return Err("missing style name attribute".into());
        }
        for element in &root.children {
            if element.name != "entry" {
                return Err(format!("unexpected element {}", element.name));
            }
            let mut ty = TokenType(0);
            let mut entry = StyleEntry::default();
            for (k, v) in &element.attrs {
                match k.as_str() {
                    "type" => {
                        ty = TokenType::from_name(v)
                            .ok_or_else(|| format!("{v} does not belong to TokenType values"))?
                    }
                    "style" => entry = StyleEntry::parse(v)?,
                    _ => return Err(format!("unexpected attribute {k}")),
                }
            }
            style.entries.insert(ty, entry);
        }
        Ok(style)
    }

    /// The style Hugo uses for `name` (case-insensitive); Chroma's fallback, `swapoff`, for an
    /// unknown name, as `styles.Get` does.
    pub fn named(name: &str) -> &'static Style {
        Style::lookup(name)
            .unwrap_or_else(|| Style::lookup("swapoff").expect("swapoff is embedded"))
    }

    /// The embedded style called `name` (case-insensitive), if there is one.
    pub fn lookup(name: &str) -> Option<&'static Style> {
        let lower = name.to_lowercase();
        all_styles().iter().find(|s| s.name.to_lowercase() == lower)
    }

    /// Names of the embedded styles, lower-cased and sorted (`styles.Names()`).
    pub fn names() -> Vec<String> {
        let mut v: Vec<String> = all_styles().iter().map(|s| s.name.to_lowercase()).collect();
        v.sort();
        v
    }

    /// Replaces (or adds) the entry for a type, like Chroma's builder `Add`.
    pub fn set(&mut self, ty: TokenType, entry: StyleEntry) {
        self.entries.insert(ty, entry);
    }

    /// The entry as written, or synthesised for line numbers and highlighted lines.
    fn raw(&self, ty: TokenType) -> StyleEntry {
        let out = self.entries.get(&ty).copied().unwrap_or_default();
        if out.is_zero() && synthesisable(ty) {
            return self.synthesise(ty);
        }
        out
    }

    fn synthesise(&self, ty: TokenType) -> StyleEntry {
        let bg = self.raw(TokenType::BACKGROUND);
        match ty {
            TokenType::LINE_HIGHLIGHT => StyleEntry {
                background: bg.background.brighten_or_darken(0.1),
                ..StyleEntry::default()
            },
            TokenType::LINE_NUMBERS | TokenType::LINE_NUMBERS_TABLE => StyleEntry {
                colour: bg.colour.brighten_or_darken(0.5),
                ..StyleEntry::default()
            },
            _ => StyleEntry::default(),
        }
    }

    /// Whether the style itself defines (or synthesises) an entry for the type (`Has`).
    pub fn has(&self, ty: TokenType) -> bool {
        !self.raw(ty).is_zero() || synthesisable(ty)
    }

    /// The effective entry for a type (Chroma's `Get`): the type's own entry, filling unset
    /// fields from its sub-category, category, `Text` and `Background` in that order.
    pub fn get(&self, ty: TokenType) -> StyleEntry {
        self.raw(ty).inherit(&[
            self.raw(TokenType::BACKGROUND),
            self.raw(TokenType::TEXT),
            self.raw(ty.category()),
            self.raw(ty.sub_category()),
        ])
    }

    /// Dark when the background colour is set and darker than half.
    pub fn mode(&self) -> Mode {
        let bg = self.raw(TokenType::BACKGROUND).background;
        if bg.is_set() && bg.brightness() < 0.5 {
            Mode::Dark
        } else {
            Mode::Light
        }
    }
}

fn synthesisable(ty: TokenType) -> bool {
    matches!(
        ty,
        TokenType::LINE_HIGHLIGHT | TokenType::LINE_NUMBERS | TokenType::LINE_NUMBERS_TABLE
    )
}

fn all_styles() -> &'static [Style] {
    static ALL: OnceLock<Vec<Style>> = OnceLock::new();
    ALL.get_or_init(|| {
        STYLES
            .iter()
            .filter_map(|(_, xml)| Style::from_xml(xml).ok())
            .collect()
    })
}

/// Chroma's `compressStyle`: each `;`-separated declaration with its whitespace collapsed, the
/// first `: ` tightened, and a trailing `#aabbcc` colour shortened to `#abc`.
pub fn compress_css(s: &str) -> String {
    let mut out: Vec<String> = Vec::new();
    for p in s.split(';') {
        let mut p = p.split_ascii_whitespace().collect::<Vec<_>>().join(" ");
        p = p.replacen(": ", ":", 1);
        if p.contains('#') && p.len() >= 6 {
            let b = p.as_bytes();
            let c = &b[b.len() - 6..];
            if c[0] == c[1] && c[2] == c[3] && c[4] == c[5] && c.is_ascii() {
                let short = [c[0] as char, c[2] as char, c[4] as char];
                p.truncate(p.len() - 6);
                p.extend(short);
            }
        }
        out.push(p);
    }
    out.join(";")
}

/// How the CSS of a style is computed: the formatter options that change it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CssOptions {
    /// Tab width; 0 and 8 write nothing.
    pub tab_width: i64,
    /// Whether lines are highlighted (adds `display: grid;` to the wrapper).
    pub highlight_lines: bool,
    /// Extra declarations per type (Chroma's `WithCustomCSS`).
    pub custom_css: BTreeMap<TokenType, String>,
}

/// The types Chroma defines but leaves out of `StandardTypes` (they take their parent's class
/// and get no CSS rule of their own).
const NOT_STANDARD: &[i16] = &[
    -14, -13, 0, 2007, 2010, 2012, 2201, 3002, 3102, 3104, 3112, 3207, 8002, 8003,
];

/// Whether Chroma lists the type in `StandardTypes` (every type with a class of its own, and
/// `Text`, whose class is empty).
pub fn is_standard(ty: TokenType) -> bool {
    !NOT_STANDARD.contains(&ty.0) && TokenType::all().any(|t| t == ty)
}

/// Chroma's `class()`: the CSS class of the type or of its nearest standard ancestor.
pub fn class_of(mut ty: TokenType) -> &'static str {
    while ty.0 != 0 {
        if is_standard(ty) {
            return ty.class();
        }
        ty = ty.parent();
    }
    ""
}

/// Chroma's `styleToCSS`: uncompressed CSS declarations per type.
pub fn style_to_css(style: &Style, opts: &CssOptions) -> BTreeMap<TokenType, String> {
    let mut classes: BTreeMap<TokenType, String> = BTreeMap::new();
    let bg = style.get(TokenType::BACKGROUND);
    for t in TokenType::all().filter(|&t| is_standard(t)) {
        let mut entry = style.get(t);
        if t != TokenType::BACKGROUND {
            entry = entry.sub(&bg);
        }
        let cat = t.category();
        let sub = t.sub_category();
        let mut custom = String::new();
        if t != cat {
            if let Some(css) = opts.custom_css.get(&cat) {
                custom = css.clone();
            }
        }
        if cat != sub {
            if let Some(css) = opts.custom_css.get(&sub) {
                custom += css;
            }
        }
        if let Some(css) = opts.custom_css.get(&t) {
            custom += css;
        }
        if entry.is_zero() && custom.is_empty() {
            continue;
        }
        let mut css = entry.to_css();
        if !css.is_empty() && !custom.is_empty() {
            css.push(';');
        }
        css += &custom;
        classes.insert(t, css);
    }
    let tab = tab_width_css(opts.tab_width);
    classes
        .entry(TokenType::BACKGROUND)
        .or_default()
        .push_str(&format!(";{tab}"));
    let bg_css = classes[&TokenType::BACKGROUND].clone();
    let pre = classes.entry(TokenType::PRE_WRAPPER).or_default();
    pre.push_str(&bg_css);
    pre.push_str(" -webkit-text-size-adjust: none;");
    if opts.highlight_lines
        && !opts
            .custom_css
            .get(&TokenType::PRE_WRAPPER)
            .is_some_and(|c| !c.is_empty())
    {
        pre.push_str("display: grid;");
    }
    let line_numbers = "white-space: pre; -webkit-user-select: none; user-select: none; margin-right: 0.4em; padding: 0 0.4em 0 0.4em;";
    let prepend = |classes: &mut BTreeMap<TokenType, String>, t: TokenType, head: &str| {
        let old = classes.remove(&t).unwrap_or_default();
        classes.insert(t, format!("{head}{old}"));
    };
    prepend(&mut classes, TokenType::LINE, "display: flex;");
    prepend(&mut classes, TokenType::LINE_NUMBERS, line_numbers);
    prepend(&mut classes, TokenType::LINE_NUMBERS_TABLE, line_numbers);
    prepend(
        &mut classes,
        TokenType::LINE_TABLE,
        "border-spacing: 0; padding: 0; margin: 0; border: 0;",
    );
    prepend(
        &mut classes,
        TokenType::LINE_TABLE_TD,
        "vertical-align: top; padding: 0; margin: 0; border: 0;",
    );
    prepend(
        &mut classes,
        TokenType::LINE_LINK,
        "outline: none; text-decoration: none; color: inherit",
    );
    classes
}

/// `-moz-tab-size: N; -o-tab-size: N; tab-size: N;` unless the width is 0 or 8.
pub fn tab_width_css(width: i64) -> String {
    if width != 0 && width != 8 {
        format!("-moz-tab-size: {width}; -o-tab-size: {width}; tab-size: {width};")
    } else {
        String::new()
    }
}

/// The stylesheet Chroma's `WriteCSS` writes for a style with line numbers off (as `hugo gen
/// chromastyles` runs it; the `:target` and `lntd:last-child` rules Chroma adds when line
/// numbers are on are not written), and the given custom CSS (declarations compressed, one `/* Type */ selector { … }` rule a line).
pub fn write_css(style: &Style, opts: &CssOptions) -> String {
    let css: BTreeMap<TokenType, String> = style_to_css(style, opts)
        .into_iter()
        .map(|(k, v)| (k, compress_css(&v)))
        .collect();
    let mut out = String::new();
    let mut rule = |comment: &str, selector: &str, styles: &str| {
        if !styles.is_empty() {
            out.push_str(&format!("/* {comment} */ {selector} {{ {styles} }}\n"));
        }
    };
    let get = |t: TokenType| css.get(&t).map_or("", |s| s.as_str());
    rule("Background", ".bg", get(TokenType::BACKGROUND));
    rule("PreWrapper", ".chroma", get(TokenType::PRE_WRAPPER));
    for (&t, v) in &css {
        if t == TokenType::BACKGROUND || t == TokenType::PRE_WRAPPER {
            continue;
        }
        let class = class_of(t);
        if class.is_empty() {
            continue;
        }
        rule(t.name(), &format!(".chroma .{class}"), v);
    }
    out
}

/// The stylesheet `hugo gen chromastyles --style=NAME` prints after its comment header: Chroma's
/// CSS plus Hugo's re-emitted leaf colours. `None` for a name Hugo rejects ("invalid style").
pub fn hugo_chromastyles(name: &str) -> Option<String> {
    let style = Style::lookup(name)?;
    let opts = CssOptions {
        custom_css: hugo_css_overrides(style),
        ..CssOptions::default()
    };
    Some(write_css(style, &opts))
}

/// Hugo's `chromaCSSOverrides`: leaf token types whose colour equals the default foreground
/// (and so is dropped by Chroma) get it written back.
fn hugo_css_overrides(style: &Style) -> BTreeMap<TokenType, String> {
    let bg = style.get(TokenType::BACKGROUND);
    let standard: Vec<TokenType> = TokenType::all().filter(|&t| is_standard(t)).collect();
    let mut m = BTreeMap::new();
    for &tt in &standard {
        if tt == TokenType::BACKGROUND || !style.has(tt) {
            continue;
        }
        let leaf = !standard
            .iter()
            .any(|&o| o != tt && (o.category() == tt || o.sub_category() == tt));
        if !leaf {
            continue;
        }
        let entry = style.get(tt);
        if !entry.sub(&bg).is_zero() || !entry.colour.is_set() {
            continue;
        }
        let css = StyleEntry {
            colour: entry.colour,
            ..StyleEntry::default()
        }
        .to_css();
        if !css.is_empty() {
            m.insert(tt, css);
        }
    }
    m
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_embedded_style_parses() {
        for (name, xml) in STYLES {
            let s = Style::from_xml(xml).unwrap_or_else(|e| panic!("{name}: {e}"));
            assert_eq!(s.name.to_lowercase(), name.to_lowercase());
        }
        assert_eq!(all_styles().len(), STYLES.len());
    }

    #[test]
    fn entries_and_colours() {
        let e = StyleEntry::parse("bold #f00 bg:#272822 noitalic border:#abcdef").unwrap();
        assert_eq!(e.colour.css(), "#ff0000");
        assert_eq!(e.background.css(), "#272822");
        assert_eq!(e.border.css(), "#abcdef");
        assert_eq!(
            (e.bold, e.italic, e.underline),
            (Trilean::Yes, Trilean::No, Trilean::Pass)
        );
        assert_eq!(
            StyleEntry::parse("#ansired").unwrap().colour.css(),
            "#ff0000"
        );
        assert_eq!(
            StyleEntry::parse("wobble"),
            Err("unknown style element \"wobble\"".into())
        );
        assert_eq!(
            StyleEntry::parse("#zzz"),
            Err("invalid colour \"#zzz\"".into())
        );
        assert!(StyleEntry::parse("bg:").unwrap().is_zero());
        // An unset colour reads as white in Chroma's arithmetic.
        assert_eq!(Colour::UNSET.brighten_or_darken(0.5).css(), "#7f7f7f");
    }

    #[test]
    fn inheritance_and_synthesis() {
        let m = Style::named("monokai");
        assert_eq!(
            m.get(TokenType::BACKGROUND).to_css(),
            "color: #f8f8f2; background-color: #272822"
        );
        assert_eq!(m.get(TokenType::LINE_HIGHLIGHT).background.css(), "#3c3d38");
        assert_eq!(m.get(TokenType::LINE_NUMBERS).colour.css(), "#7f7f7f");
        // KeywordType has no entry: Keyword's colour.
        assert_eq!(m.get(TokenType(1006)).colour.css(), "#66d9ef");
        assert_eq!(m.mode(), Mode::Dark);
        assert_eq!(Style::named("GitHub").name, "github");
        assert_eq!(Style::named("no-such-style").name, "swapoff");
        assert_eq!(Style::named("github").mode(), Mode::Light);
    }

    #[test]
    fn standard_types_and_classes() {
        let standard: Vec<i16> = TokenType::all()
            .filter(|&t| is_standard(t))
            .map(|t| t.0)
            .collect();
        assert_eq!(standard.len(), 88); // the entries of Chroma's StandardTypes map
        assert!(is_standard(TokenType::TEXT) && !is_standard(TokenType(8002)));
        assert_eq!(class_of(TokenType(2012)), "n");
        assert_eq!(class_of(TokenType(8002)), "");
        assert_eq!(class_of(TokenType(3104)), "s");
        assert_eq!(class_of(TokenType(-13)), "");
        assert_eq!(class_of(TokenType(1234)), "k");
    }

    #[test]
    fn compress() {
        assert_eq!(
            compress_css("color: #ffffff; background-color:  #272822;"),
            "color:#fff;background-color:#272822;"
        );
        assert_eq!(compress_css("a #"), "a #");
        assert_eq!(compress_css("x: é#ééé"), "x:é#ééé");
    }
}
