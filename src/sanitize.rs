//! Sanitize: the last stage, over every byte of output.
//!
//! In: HTML from any stage. Out: HTML that cannot run script.
pub struct Sanitizer {
    builder: ammonia::Builder<'static>,
}

impl Default for Sanitizer {
    fn default() -> Self {
        Sanitizer::new()
    }
}

impl Sanitizer {
    pub fn new() -> Sanitizer {
        Sanitizer {
            builder: ammonia::Builder::default(),
        }
    }

    pub fn clean(&self, html: &str) -> String {
        self.builder.clean(html).to_string()
    }
}
