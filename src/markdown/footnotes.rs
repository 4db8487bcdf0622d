//! Footnotes in goldmark's exact markup (`extension/footnote.go`, unchanged v1.5.4 → v1.8.5).
//!
//! In: references as the renderer meets them and each definition's rendered HTML. Out: the
//! `<sup>` of each reference, and the `<div class="footnotes">` block for the end of the
//! document. Notes are numbered by first reference; definitions never referenced are dropped;
//! the n-th repeated reference gets the id `fnref{n}:{index}` and one backlink each.

use std::collections::HashMap;

/// A rendered definition, waiting for the end of the document.
#[derive(Debug, Default)]
struct Definition {
    html: String,
    /// Where the backlinks go: before the final `</p>\n` when the note ends with a paragraph.
    last_paragraph_close: Option<usize>,
}

/// Footnote state of one document.
#[derive(Debug, Default)]
pub struct Footnotes {
    /// Normalized label → (index, references so far).
    referenced: HashMap<String, (usize, usize)>,
    /// Labels in order of first reference.
    order: Vec<String>,
    definitions: HashMap<String, Definition>,
}

/// goldmark matches labels case-insensitively, like link reference labels.
pub fn normalize_label(label: &str) -> String {
    label
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

impl Footnotes {
    /// Writes the `<sup>` for a reference to `label`.
    pub fn push_reference(&mut self, out: &mut String, label: &str) {
        let key = normalize_label(label);
        let next_index = self.order.len() + 1;
        let entry = self
            .referenced
            .entry(key.clone())
            .or_insert((next_index, 0));
        if entry.0 == next_index && entry.1 == 0 {
            self.order.push(key);
        }
        let (index, count) = *entry;
        entry.1 += 1;
        let id = if count == 0 {
            format!("fnref:{index}")
        } else {
            format!("fnref{count}:{index}")
        };
        out.push_str(&format!(
            "<sup id=\"{id}\"><a href=\"#fn:{index}\" class=\"footnote-ref\" role=\"doc-noteref\">{index}</a></sup>"
        ));
    }

    /// Stores a definition's rendered blocks. The first definition of a label wins.
    /// goldmark appends the backlinks to the note's last block when that is a paragraph,
    /// else after the last block.
    pub fn define(&mut self, label: &str, html: String) {
        let last_paragraph_close = html
            .ends_with("</p>\n")
            .then(|| html.len() - "</p>\n".len());
        self.definitions
            .entry(normalize_label(label))
            .or_insert(Definition {
                html,
                last_paragraph_close,
            });
    }

    /// Appends goldmark's footnote list, if any note was referenced and defined.
    pub fn push_list(&self, out: &mut String) {
        let mut started = false;
        for key in &self.order {
            let (Some(definition), Some(&(index, count))) =
                (self.definitions.get(key), self.referenced.get(key))
            else {
                continue;
            };
            if !started {
                out.push_str("<div class=\"footnotes\" role=\"doc-endnotes\">\n<hr>\n<ol>\n");
                started = true;
            }
            let mut backlinks = String::new();
            for n in 0..count {
                let id = if n == 0 {
                    format!("fnref:{index}")
                } else {
                    format!("fnref{n}:{index}")
                };
                backlinks.push_str(&format!(
                    "&#160;<a href=\"#{id}\" class=\"footnote-backref\" role=\"doc-backlink\">&#x21a9;&#xfe0e;</a>"
                ));
            }
            out.push_str(&format!("<li id=\"fn:{index}\">\n"));
            let html = &definition.html;
            match definition
                .last_paragraph_close
                .filter(|&at| html.get(at..) == Some("</p>\n"))
            {
                Some(at) => {
                    out.push_str(&html[..at]);
                    out.push_str(&backlinks);
                    out.push_str(&html[at..]);
                }
                None => {
                    out.push_str(html);
                    out.push_str(&backlinks);
                }
            }
            out.push_str("</li>\n");
        }
        if started {
            out.push_str("</ol>\n</div>\n");
        }
    }

}
