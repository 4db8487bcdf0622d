//! Chroma's token types: the same numbers, names and CSS classes, because styles, the XML lexer
//! definitions and Hugo's class-based output all speak in them.
//!
//! Categories are ranges of 1000 (`Keyword` is 1000-1999), sub-categories ranges of 100
//! (`LiteralString` is 3100-3199); a style entry missing for a type falls back to its parents.

/// A token type. The value is Chroma's, so parents are arithmetic.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct TokenType(pub i16);

/// One lexed piece of text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Token {
    pub ty: TokenType,
    pub value: String,
}

/// Chroma's `Coalesce`: empty tokens dropped, adjacent tokens of the same type joined while the
/// first is under 8 KiB.
pub fn coalesce(tokens: impl IntoIterator<Item = Token>) -> Vec<Token> {
    let mut out: Vec<Token> = Vec::new();
    for token in tokens {
        if token.value.is_empty() {
            continue;
        }
        match out.last_mut() {
            Some(last) if last.ty == token.ty && last.value.len() < 8192 => {
                last.value.push_str(&token.value)
            }
            _ => out.push(token),
        }
    }
    out
}

/// (value, Chroma's name, its entry in Chroma's `StandardTypes`: the CSS class, "" for none,
/// `None` when the type has no entry and takes its parent's class).
const TYPES: &[(i16, &str, Option<&str>)] = &[
    (-14, "Ignore", None),
    (-13, "None", None),
    (-12, "Other", Some("x")),
    (-11, "Error", Some("err")),
    (-10, "CodeLine", Some("cl")),
    (-9, "LineLink", Some("lnlinks")),
    (-8, "LineTableTD", Some("lntd")),
    (-7, "LineTable", Some("lntable")),
    (-6, "LineHighlight", Some("hl")),
    (-5, "LineNumbersTable", Some("lnt")),
    (-4, "LineNumbers", Some("ln")),
    (-3, "Line", Some("line")),
    (-2, "PreWrapper", Some("chroma")),
    (-1, "Background", Some("bg")),
    (0, "EOFType", None),
    (1000, "Keyword", Some("k")),
    (1001, "KeywordConstant", Some("kc")),
    (1002, "KeywordDeclaration", Some("kd")),
    (1003, "KeywordNamespace", Some("kn")),
    (1004, "KeywordPseudo", Some("kp")),
    (1005, "KeywordReserved", Some("kr")),
    (1006, "KeywordType", Some("kt")),
    (2000, "Name", Some("n")),
    (2001, "NameAttribute", Some("na")),
    (2002, "NameClass", Some("nc")),
    (2003, "NameConstant", Some("no")),
    (2004, "NameDecorator", Some("nd")),
    (2005, "NameEntity", Some("ni")),
    (2006, "NameException", Some("ne")),
    (2007, "NameKeyword", None),
    (2008, "NameLabel", Some("nl")),
    (2009, "NameNamespace", Some("nn")),
    (2010, "NameOperator", None),
    (2011, "NameOther", Some("nx")),
    (2012, "NamePseudo", None),
    (2013, "NameProperty", Some("py")),
    (2014, "NameTag", Some("nt")),
    (2100, "NameBuiltin", Some("nb")),
    (2101, "NameBuiltinPseudo", Some("bp")),
    (2200, "NameVariable", Some("nv")),
    (2201, "NameVariableAnonymous", None),
    (2202, "NameVariableClass", Some("vc")),
    (2203, "NameVariableGlobal", Some("vg")),
    (2204, "NameVariableInstance", Some("vi")),
    (2205, "NameVariableMagic", Some("vm")),
    (2300, "NameFunction", Some("nf")),
    (2301, "NameFunctionMagic", Some("fm")),
    (3000, "Literal", Some("l")),
    (3001, "LiteralDate", Some("ld")),
    (3002, "LiteralOther", None),
    (3100, "LiteralString", Some("s")),
    (3101, "LiteralStringAffix", Some("sa")),
    (3102, "LiteralStringAtom", None),
    (3103, "LiteralStringBacktick", Some("sb")),
    (3104, "LiteralStringBoolean", None),
    (3105, "LiteralStringChar", Some("sc")),
    (3106, "LiteralStringDelimiter", Some("dl")),
    (3107, "LiteralStringDoc", Some("sd")),
    (3108, "LiteralStringDouble", Some("s2")),
    (3109, "LiteralStringEscape", Some("se")),
    (3110, "LiteralStringHeredoc", Some("sh")),
    (3111, "LiteralStringInterpol", Some("si")),
    (3112, "LiteralStringName", None),
    (3113, "LiteralStringOther", Some("sx")),
    (3114, "LiteralStringRegex", Some("sr")),
    (3115, "LiteralStringSingle", Some("s1")),
    (3116, "LiteralStringSymbol", Some("ss")),
    (3200, "LiteralNumber", Some("m")),
    (3201, "LiteralNumberBin", Some("mb")),
    (3202, "LiteralNumberFloat", Some("mf")),
    (3203, "LiteralNumberHex", Some("mh")),
    (3204, "LiteralNumberInteger", Some("mi")),
    (3205, "LiteralNumberIntegerLong", Some("il")),
    (3206, "LiteralNumberOct", Some("mo")),
    (3207, "LiteralNumberByte", None),
    (4000, "Operator", Some("o")),
    (4001, "OperatorWord", Some("ow")),
    (4002, "OperatorReserved", Some("or")),
    (5000, "Punctuation", Some("p")),
    (6000, "Comment", Some("c")),
    (6001, "CommentHashbang", Some("ch")),
    (6002, "CommentMultiline", Some("cm")),
    (6003, "CommentSingle", Some("c1")),
    (6004, "CommentSpecial", Some("cs")),
    (6100, "CommentPreproc", Some("cp")),
    (6101, "CommentPreprocFile", Some("cpf")),
    (7000, "Generic", Some("g")),
    (7001, "GenericDeleted", Some("gd")),
    (7002, "GenericEmph", Some("ge")),
    (7003, "GenericError", Some("gr")),
    (7004, "GenericHeading", Some("gh")),
    (7005, "GenericInserted", Some("gi")),
    (7006, "GenericOutput", Some("go")),
    (7007, "GenericPrompt", Some("gp")),
    (7008, "GenericStrong", Some("gs")),
    (7009, "GenericSubheading", Some("gu")),
    (7010, "GenericTraceback", Some("gt")),
    (7011, "GenericUnderline", Some("gl")),
    (8000, "Text", Some("")),
    (8001, "TextWhitespace", Some("w")),
    (8002, "TextSymbol", None),
    (8003, "TextPunctuation", None),
];

/// Chroma's short aliases (`String` for `LiteralString`, `Whitespace` for `TextWhitespace`, …),
/// which lexer and style files also use.
const ALIASES: &[(&str, &str)] = &[
    ("Whitespace", "TextWhitespace"),
    ("Date", "LiteralDate"),
    ("String", "LiteralString"),
    ("Number", "LiteralNumber"),
];

impl TokenType {
    pub const IGNORE: TokenType = TokenType(-14);
    pub const NONE: TokenType = TokenType(-13);
    pub const OTHER: TokenType = TokenType(-12);
    pub const ERROR: TokenType = TokenType(-11);
    pub const CODE_LINE: TokenType = TokenType(-10);
    pub const LINE_LINK: TokenType = TokenType(-9);
    pub const LINE_TABLE_TD: TokenType = TokenType(-8);
    pub const LINE_TABLE: TokenType = TokenType(-7);
    pub const LINE_HIGHLIGHT: TokenType = TokenType(-6);
    pub const LINE_NUMBERS_TABLE: TokenType = TokenType(-5);
    pub const LINE_NUMBERS: TokenType = TokenType(-4);
    pub const LINE: TokenType = TokenType(-3);
    pub const PRE_WRAPPER: TokenType = TokenType(-2);
    pub const BACKGROUND: TokenType = TokenType(-1);
    pub const NAME: TokenType = TokenType(2000);
    pub const LITERAL: TokenType = TokenType(3000);
    pub const GENERIC: TokenType = TokenType(7000);
    pub const TEXT: TokenType = TokenType(8000);
    pub const WHITESPACE: TokenType = TokenType(8001);

    /// A type by Chroma's name (`NameBuiltin`, `LiteralStringDouble`) or one of its short aliases
    /// (`StringDouble`, `NumberHex`, `Whitespace`).
    pub fn from_name(name: &str) -> Option<TokenType> {
        let full;
        let name = match ALIASES.iter().find(|(alias, _)| name.starts_with(alias)) {
            Some((alias, target)) if !TYPES.iter().any(|(_, n, _)| *n == name) => {
                full = format!("{target}{}", &name[alias.len()..]);
                full.as_str()
            }
            _ => name,
        };
        TYPES
            .iter()
            .find(|(_, n, _)| *n == name)
            .map(|&(v, _, _)| TokenType(v))
    }

    /// Chroma's name for the type.
    pub fn name(self) -> &'static str {
        TYPES
            .iter()
            .find(|&&(v, _, _)| v == self.0)
            .map_or("", |&(_, n, _)| n)
    }

    /// The CSS class Chroma's HTML formatter writes for the type ("" for none): its own entry,
    /// else its parent's (`NamePseudo` is written `n`).
    pub fn class(self) -> &'static str {
        let mut ty = self;
        loop {
            if let Some(&(_, _, Some(class))) = TYPES.iter().find(|&&(v, _, _)| v == ty.0) {
                return class;
            }
            if ty.0 == 0 {
                return "";
            }
            ty = ty.parent();
        }
    }

    /// The type one level up: `LiteralStringDouble` → `LiteralString` → `Literal` → none (0).
    pub fn parent(self) -> TokenType {
        let v = self.0;
        if v % 100 != 0 {
            TokenType(v / 100 * 100)
        } else if v % 1000 != 0 {
            TokenType(v / 1000 * 1000)
        } else {
            TokenType(0)
        }
    }

    pub fn category(self) -> TokenType {
        TokenType(self.0 / 1000 * 1000)
    }

    pub fn sub_category(self) -> TokenType {
        TokenType(self.0 / 100 * 100)
    }

    /// Every type Chroma defines, in value order.
    pub fn all() -> impl Iterator<Item = TokenType> {
        TYPES.iter().map(|&(v, _, _)| TokenType(v))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_aliases_and_parents() {
        assert_eq!(TokenType::from_name("NameBuiltin"), Some(TokenType(2100)));
        assert_eq!(TokenType::from_name("StringDouble"), Some(TokenType(3108)));
        assert_eq!(TokenType::from_name("NumberHex"), Some(TokenType(3203)));
        assert_eq!(
            TokenType::from_name("Whitespace"),
            Some(TokenType::WHITESPACE)
        );
        assert_eq!(TokenType::from_name("String"), Some(TokenType(3100)));
        assert_eq!(TokenType::from_name("Nope"), None);
        assert_eq!(TokenType(3108).parent(), TokenType(3100));
        assert_eq!(TokenType(3100).parent(), TokenType(3000));
        assert_eq!(TokenType(3000).parent(), TokenType(0));
        assert_eq!(TokenType(3108).class(), "s2");
        assert_eq!(TokenType::from_name("NamePseudo").unwrap().class(), "n");
        assert_eq!(TokenType::from_name("TextSymbol").unwrap().class(), "");
        assert_eq!(
            TokenType::from_name("LiteralNumberByte").unwrap().class(),
            "m"
        );
        assert_eq!(TokenType(3108).name(), "LiteralStringDouble");
    }
}
