//! `safeHTML`, `safeHTMLAttr`, `safeCSS`, `safeJS`, `safeURL` (Hugo's `tpl/safe`): mark a
//! string as trusted in one `html/template` context. The sanitizer still runs over the
//! page's output, so "safe" here only means "not escaped by the template".

use super::cast::to_string;
use super::{want_args, FuncContext};
use crate::template::value::{SafeKind, Value};

fn mark(name: &str, kind: SafeKind, args: &[Value]) -> Result<Value, String> {
    want_args(name, args, 1)?;
    Ok(Value::safe(kind, to_string(&args[0])?))
}

pub(super) fn html(_: &mut FuncContext, args: &[Value]) -> Result<Value, String> {
    mark("safeHTML", SafeKind::Html, args)
}

pub(super) fn html_attr(_: &mut FuncContext, args: &[Value]) -> Result<Value, String> {
    mark("safeHTMLAttr", SafeKind::HtmlAttr, args)
}

pub(super) fn css(_: &mut FuncContext, args: &[Value]) -> Result<Value, String> {
    mark("safeCSS", SafeKind::Css, args)
}

pub(super) fn js(_: &mut FuncContext, args: &[Value]) -> Result<Value, String> {
    mark("safeJS", SafeKind::Js, args)
}

pub(super) fn url(_: &mut FuncContext, args: &[Value]) -> Result<Value, String> {
    mark("safeURL", SafeKind::Url, args)
}
