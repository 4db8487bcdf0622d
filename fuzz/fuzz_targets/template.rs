//! The template engine: the input is a site shortcode template, run by a call with
//! parameters and inner content, and a partial it may call.
#![no_main]
use hugo_preview::{RenderOptions, Renderer};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let template = String::from_utf8_lossy(data);
    let mut options = RenderOptions::default();
    options.shortcodes.insert("t".into(), template.to_string());
    options.partials.insert("p.html".into(), template.to_string());
    let out = Renderer::new(options).render("+++\ntitle = \"x\"\n[params]\na = [1, 2]\n+++\n{{< t 1 \"two\" >}}inner *md*{{< /t >}}\n\n{{< t a=1 b=`c` />}}\n");
    std::hint::black_box(out);
});
