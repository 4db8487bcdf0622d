//! Hugo's plain text of HTML: `StripHTML` (`plainify`, summaries) and `.WordCount`.

use crate::rules::space::is_go_space;

/// Hugo's `StripHTML`: tags removed (`</p>` and `<br>` become newlines, newlines become
/// spaces), runs of whitespace collapsed to their first character. Entities stay as written,
/// as in Go's `html/template` tag stripper.
pub fn strip_html(s: &str) -> String {
    if !s.contains(['<', '>']) {
        return s.to_string();
    }
    let mut text = String::with_capacity(s.len());
    walk_plain_text(s, |piece| text.push_str(piece));
    let mut out = String::with_capacity(text.len());
    let mut was_space = false;
    for c in text.chars() {
        let space = is_go_space(c);
        if !(space && was_space) {
            out.push(c);
        }
        was_space = space;
    }
    out
}

/// The plain text of `s` as [`strip_html`] makes it, before whitespace is collapsed, in
/// pieces: stretches of `s` between tags, and `" "` and `"\n"` for what replaces newlines,
/// `</p>` and `<br>`.
fn walk_plain_text<'s>(s: &'s str, mut piece: impl FnMut(&'s str)) {
    let bytes = s.as_bytes();
    let mut i = 0;
    let mut last = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'\n' => {
                piece(&s[last..i]);
                piece(" ");
                i += 1;
                last = i;
            }
            b'<' => {
                let rest = &s[i..];
                if rest.starts_with("</p>")
                    || rest.starts_with("<br>")
                    || rest.starts_with("<br />")
                {
                    piece(&s[last..i]);
                    piece("\n");
                    i += if rest.starts_with("<br />") { 6 } else { 4 };
                    last = i;
                    continue;
                }
                let is_tag = matches!(bytes.get(i + 1), Some(c) if c.is_ascii_alphabetic() || matches!(c, b'/' | b'!' | b'?'));
                if !is_tag {
                    i += 1;
                    continue;
                }
                piece(&s[last..i]);
                // Skip to the end of the tag, past quoted attribute values.
                let mut quote = None;
                let mut j = i + 1;
                while j < bytes.len() {
                    let c = bytes[j];
                    match quote {
                        Some(q) if c == q => quote = None,
                        Some(_) => {}
                        None if c == b'"' || c == b'\'' => quote = Some(c),
                        None if c == b'>' => break,
                        None => {}
                    }
                    j += 1;
                }
                i = (j + 1).min(bytes.len());
                last = i;
            }
            _ => i += 1,
        }
    }
    piece(&s[last..]);
}

/// What a piece of HTML adds to Hugo's `.WordCount` (without a CJK language): the runs of
/// non-space characters of its plain text, and whether that text starts and ends inside a
/// word, so that the tallies of consecutive pieces add up to the count of the whole (a word
/// may run across the cut: `foo</b>` then `bar`). The sanitizer keeps one per cached piece.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct WordTally {
    /// Runs of non-space characters, counted from outside a word.
    pub words: usize,
    /// Whether the plain text's first character is part of a word; `None`: no text.
    first_in_word: Option<bool>,
    /// Whether its last character is part of a word; `None`: no text.
    last_in_word: Option<bool>,
}

impl WordTally {
    /// The tally of `html` on its own. `html` must not end inside a tag (a piece of
    /// sanitized HTML never does).
    pub fn of(html: &str) -> WordTally {
        let mut tally = WordTally::default();
        let mut in_word = false;
        walk_plain_text(html, |piece| {
            for (i, &b) in piece.as_bytes().iter().enumerate() {
                let space = if b.is_ascii() {
                    matches!(b, b'\t' | b'\n' | 0x0b | 0x0c | b'\r' | b' ')
                } else if b & 0xc0 == 0x80 {
                    // A continuation byte: part of the character before.
                    continue;
                } else {
                    piece[i..].chars().next().is_some_and(is_go_space)
                };
                if !space && !in_word {
                    tally.words += 1;
                }
                in_word = !space;
                tally.first_in_word.get_or_insert(in_word);
            }
        });
        if tally.first_in_word.is_some() {
            tally.last_in_word = Some(in_word);
        }
        tally
    }
}

/// Adds up [`WordTally`]s of consecutive pieces.
#[derive(Debug, Default)]
pub struct WordCounter {
    words: usize,
    in_word: bool,
}

impl WordCounter {
    pub fn add(&mut self, tally: &WordTally) {
        self.words += tally.words;
        if self.in_word && tally.first_in_word == Some(true) {
            // The word the pieces before ended in goes on.
            self.words -= 1;
        }
        if let Some(last) = tally.last_in_word {
            self.in_word = last;
        }
    }

    pub fn words(&self) -> usize {
        self.words
    }
}

/// Hugo's `.WordCount`: the fields of the content's plain text; with `is_cjk_language`, a word
/// made of multi-byte runes counts each rune (`page__content.go`).
pub fn count_words(html: &str, is_cjk_language: bool) -> usize {
    if !is_cjk_language {
        return WordTally::of(html).words;
    }
    let plain = strip_html(html);
    let words = plain.split(is_go_space).filter(|w| !w.is_empty());
    if !is_cjk_language {
        return words.count();
    }
    words
        .map(|w| {
            let runes = w.chars().count();
            if runes == w.len() {
                1
            } else {
                runes
            }
        })
        .sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counting_words_as_the_text_goes_by_agrees_with_stripping_first() {
        for html in [
            "",
            "one",
            " <p>one two</p>three<br>four<br />five\n six ",
            "a\u{a0}b\u{85}c\u{3000}d\u{2003}e é\u{1F600}",
            "<a title=\"x > y\">link</a>text<b>bold</b> <!-- c -->",
            "x < y and y > z</p><p>ab</p>cd",
            "\u{a0}\u{a0}lead and trail\u{a0}",
        ] {
            let expected = strip_html(html)
                .split(is_go_space)
                .filter(|w| !w.is_empty())
                .count();
            assert_eq!(count_words(html, false), expected, "{html:?}");
        }
    }

    #[test]
    fn counts_words_of_the_plain_text() {
        assert_eq!(
            count_words("<p>Hello <em>big</em> world</p>\n<p>again</p>", false),
            4
        );
        assert_eq!(count_words("<p>神真美好 ok</p>", true), 5);
    }
}
