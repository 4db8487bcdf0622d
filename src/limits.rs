//! Every safety limit in one place. Each one names the attack it stops; input beyond a limit
//! becomes a diagnostic, never a panic or a hang.

/// Front matter larger than this is not decoded (a diagnostic says so). Real front matter is
/// a few kilobytes; decoding megabytes of it is only ever an attack on the editor.
pub const MAX_FRONT_MATTER_BYTES: usize = 256 * 1024;

/// Deepest nesting of maps and arrays accepted in front matter. Stops stack exhaustion in
/// decoders and in everything that later walks the tree.
pub const MAX_FRONT_MATTER_DEPTH: usize = 64;

/// Most nodes a YAML document may expand to through aliases ("billion laughs").
pub const MAX_YAML_NODES: usize = 100_000;

/// Deepest nesting of HTML elements produced from Markdown or raw HTML. html5ever, inside
/// ammonia, slows down quadratically with nesting depth (20,000 nested lists: 2 s), so deeper
/// containers are flattened before sanitizing.
pub const MAX_HTML_NESTING: usize = 128;
