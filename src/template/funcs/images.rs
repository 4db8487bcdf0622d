//! `images.*` filters (Hugo's `tpl/images`): what a template hands to an image's `.Filter` or
//! to `images.Filter`. A preview processes no pixels: a filter is a value naming what it would
//! do, and filtering gives the image back as it is (its size unchanged; `images.Padding` and
//! `images.Process` would change it in Hugo).

use super::FuncContext;
use crate::template::value::{Arity, Object, Value};
use std::rc::Rc;

/// A filter: Hugo's `gift.Filter` as a template holds it.
struct ImageFilter {
    name: &'static str,
}

impl Object for ImageFilter {
    fn type_name(&self) -> &str {
        "images.filter"
    }

    fn arity(&self, _name: &str) -> Arity {
        Arity::Fixed(0)
    }

    fn get(&self, _name: &str, _args: &[Value]) -> Result<Option<Value>, String> {
        Ok(None)
    }

    fn display(&self) -> String {
        format!("{} (a filter the preview does not apply)", self.name)
    }
}

fn filter(name: &'static str, args: &[Value], min: usize, max: usize) -> Result<Value, String> {
    if args.len() < min || args.len() > max {
        return Err(format!(
            "wrong number of args for {name}: want {} got {}",
            if min == max {
                min.to_string()
            } else {
                format!("{min} to {max}")
            },
            args.len()
        ));
    }
    Ok(Value::Object(Rc::new(ImageFilter { name })))
}

/// One function per Hugo filter, with the number of arguments Hugo's takes.
macro_rules! filters {
    ($($function:ident => $name:literal, $min:literal, $max:literal;)*) => {$(
        pub(super) fn $function(_: &mut FuncContext, args: &[Value]) -> Result<Value, String> {
            filter(concat!("images.", $name), args, $min, $max)
        }
    )*};
}

filters! {
    auto_orient => "AutoOrient", 0, 0;
    brightness => "Brightness", 1, 1;
    color_balance => "ColorBalance", 3, 3;
    colorize => "Colorize", 3, 3;
    contrast => "Contrast", 1, 1;
    dither => "Dither", 0, 1;
    gamma => "Gamma", 1, 1;
    gaussian_blur => "GaussianBlur", 1, 1;
    grayscale => "Grayscale", 0, 0;
    hue => "Hue", 1, 1;
    invert => "Invert", 0, 0;
    mask => "Mask", 1, 1;
    opacity => "Opacity", 1, 1;
    overlay => "Overlay", 3, 3;
    padding => "Padding", 1, 5;
    pixelate => "Pixelate", 1, 1;
    process => "Process", 1, 1;
    saturation => "Saturation", 1, 1;
    sepia => "Sepia", 1, 1;
    sigmoid => "Sigmoid", 2, 2;
    text => "Text", 1, 2;
    unsharp_mask => "UnsharpMask", 3, 3;
}

/// `images.Filter FILTER… IMAGE`: the image's `.Filter` with the filters before it.
pub(super) fn apply(_: &mut FuncContext, args: &[Value]) -> Result<Value, String> {
    let Some((image, filters)) = args.split_last() else {
        return Err("wrong number of args for images.Filter: want at least 2 got 0".into());
    };
    if filters.is_empty() {
        return Err("wrong number of args for images.Filter: want at least 2 got 1".into());
    }
    match image {
        Value::Object(object) => match object.get("Filter", filters)? {
            Some(filtered) => Ok(filtered),
            None => Err(format!("{} is not an image", object.type_name())),
        },
        other => Err(format!(
            "images.Filter: the last argument must be an image, got {}",
            other.type_name()
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn filters_check_their_arguments() {
        assert!(filter("images.Grayscale", &[], 0, 0).is_ok());
        assert_eq!(
            filter("images.Brightness", &[], 1, 1).unwrap_err(),
            "wrong number of args for images.Brightness: want 1 got 0"
        );
        assert_eq!(
            filter("images.Padding", &[], 1, 5).unwrap_err(),
            "wrong number of args for images.Padding: want 1 to 5 got 0"
        );
    }
}
