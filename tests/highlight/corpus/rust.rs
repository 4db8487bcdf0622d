use std::collections::HashMap;

/// A shortcode call.
#[derive(Debug, Clone)]
pub struct Call<'a> {
    name: &'a str,
    params: HashMap<String, String>,
}

impl<'a> Call<'a> {
    pub fn new(name: &'a str) -> Self {
        Self { name, params: HashMap::new() }
    }

    pub fn get(&self, key: &str) -> Option<&str> {
        self.params.get(key).map(|s| s.as_str())
    }
}

fn main() {
    let call = Call::new("figure");
    println!("{:?} {}", call.get("src"), 42u32 + 0xff);
}
