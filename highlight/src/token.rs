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

/// (value, Chroma's name, the CSS class Chroma gives it; "" for none).
const TYPES: &[(i16, &str, &str)] = &[
    (-14, "Ignore", ""),
    (-13, "None", ""),
    (-12, "Other", "x"),
    (-11, "Error", "err"),
    (-10, "CodeLine", "cl"),
    (-9, "LineLink", "lnlinks"),
    (-8, "LineTableTD", "lntd"),
    (-7, "LineTable", "lntable"),
    (-6, "LineHighlight", "hl"),
    (-5, "LineNumbersTable", "lnt"),
    (-4, "LineNumbers", "ln"),
    (-3, "Line", "line"),
    (-2, "PreWrapper", "chroma"),
    (-1, "Background", "bg"),
    (0, "EOFType", ""),
    (1000, "Keyword", "k"),
    (1001, "KeywordConstant", "kc"),
    (1002, "KeywordDeclaration", "kd"),
    (1003, "KeywordNamespace", "kn"),
    (1004, "KeywordPseudo", "kp"),
    (1005, "KeywordReserved", "kr"),
    (1006, "KeywordType", "kt"),
    (2000, "Name", "n"),
    (2001, "NameAttribute", "na"),
    (2002, "NameClass", "nc"),
    (2003, "NameConstant", "no"),
    (2004, "NameDecorator", "nd"),
    (2005, "NameEntity", "ni"),
    (2006, "NameException", "ne"),
    (2007, "NameKeyword", ""),
    (2008, "NameLabel", "nl"),
    (2009, "NameNamespace", "nn"),
    (2010, "NameOperator", ""),
    (2011, "NameOther", "nx"),
    (2012, "NamePseudo", ""),
    (2013, "NameProperty", "py"),
    (2014, "NameTag", "nt"),
    (2100, "NameBuiltin", "nb"),
    (2101, "NameBuiltinPseudo", "bp"),
    (2200, "NameVariable", "nv"),
    (2201, "NameVariableAnonymous", ""),
    (2202, "NameVariableClass", "vc"),
    (2203, "NameVariableGlobal", "vg"),
    (2204, "NameVariableInstance", "vi"),
    (2205, "NameVariableMagic", "vm"),
    (2300, "NameFunction", "nf"),
    (2301, "NameFunctionMagic", "fm"),
    (3000, "Literal", "l"),
    (3001, "LiteralDate", "ld"),
    (3002, "LiteralOther", ""),
    (3100, "LiteralString", "s"),
    (3101, "LiteralStringAffix", "sa"),
    (3102, "LiteralStringAtom", ""),
    (3103, "LiteralStringBacktick", "sb"),
    (3104, "LiteralStringBoolean", ""),
    (3105, "LiteralStringChar", "sc"),
    (3106, "LiteralStringDelimiter", "dl"),
    (3107, "LiteralStringDoc", "sd"),
    (3108, "LiteralStringDouble", "s2"),
    (3109, "LiteralStringEscape", "se"),
    (3110, "LiteralStringHeredoc", "sh"),
    (3111, "LiteralStringInterpol", "si"),
    (3112, "LiteralStringName", ""),
    (3113, "LiteralStringOther", "sx"),
    (3114, "LiteralStringRegex", "sr"),
    (3115, "LiteralStringSingle", "s1"),
    (3116, "LiteralStringSymbol", "ss"),
    (3200, "LiteralNumber", "m"),
    (3201, "LiteralNumberBin", "mb"),
    (3202, "LiteralNumberFloat", "mf"),
    (3203, "LiteralNumberHex", "mh"),
    (3204, "LiteralNumberInteger", "mi"),
    (3205, "LiteralNumberIntegerLong", "il"),
    (3206, "LiteralNumberOct", "mo"),
    (3207, "LiteralNumberByte", ""),
    (4000, "Operator", "o"),
    (4001, "OperatorWord", "ow"),
    (4002, "OperatorReserved", "or"),
    (5000, "Punctuation", "p"),
    (6000, "Comment", "c"),
    (6001, "CommentHashbang", "ch"),
    (6002, "CommentMultiline", "cm"),
    (6003, "CommentSingle", "c1"),
    (6004, "CommentSpecial", "cs"),
    (6100, "CommentPreproc", "cp"),
    (6101, "CommentPreprocFile", "cpf"),
    (7000, "Generic", "g"),
    (7001, "GenericDeleted", "gd"),
    (7002, "GenericEmph", "ge"),
    (7003, "GenericError", "gr"),
    (7004, "GenericHeading", "gh"),
    (7005, "GenericInserted", "gi"),
    (7006, "GenericOutput", "go"),
    (7007, "GenericPrompt", "gp"),
    (7008, "GenericStrong", "gs"),
    (7009, "GenericSubheading", "gu"),
    (7010, "GenericTraceback", "gt"),
    (7011, "GenericUnderline", "gl"),
    (8000, "Text", ""),
    (8001, "TextWhitespace", "w"),
    (8002, "TextSymbol", ""),
    (8003, "TextPunctuation", ""),
];

/// Chroma's short aliases (`String` for `LiteralString`, `Whitespace` for `TextWhitespace`, …),
/// which lexer and style files also use.
const ALIASES: &[(&str, &str)] =
    &[("Whitespace", "TextWhitespace"), ("Date", "LiteralDate"), ("String", "LiteralString"), ("Number", "LiteralNumber")];

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
        TYPES.iter().find(|(_, n, _)| *n == name).map(|&(v, _, _)| TokenType(v))
    }

    /// Chroma's name for the type.
    pub fn name(self) -> &'static str {
        TYPES.iter().find(|&&(v, _, _)| v == self.0).map_or("", |&(_, n, _)| n)
    }

    /// The CSS class Chroma writes for the type ("" when it has none).
    pub fn class(self) -> &'static str {
        TYPES.iter().find(|&&(v, _, _)| v == self.0).map_or("", |&(_, _, c)| c)
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
        assert_eq!(TokenType::from_name("Whitespace"), Some(TokenType::WHITESPACE));
        assert_eq!(TokenType::from_name("String"), Some(TokenType(3100)));
        assert_eq!(TokenType::from_name("Nope"), None);
        assert_eq!(TokenType(3108).parent(), TokenType(3100));
        assert_eq!(TokenType(3100).parent(), TokenType(3000));
        assert_eq!(TokenType(3000).parent(), TokenType(0));
        assert_eq!(TokenType(3108).class(), "s2");
        assert_eq!(TokenType(3108).name(), "LiteralStringDouble");
    }
}
