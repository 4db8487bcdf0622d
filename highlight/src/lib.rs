//! Syntax highlighting as Hugo does it: Chroma's own lexer and style definitions (extracted from
//! the pinned Hugo binary by `scripts/extract-chroma.py`) run by a Rust engine, and Chroma's HTML.

pub mod data;
pub mod html;
pub mod lexer;
pub mod options;
pub mod style;
pub mod token;
mod xml;
