//! Every safety limit in one place. Each one names the attack it stops; input beyond a limit
//! becomes a diagnostic, never a panic or a hang.

/// Content files larger than this are previewed up to this size only (a warning says so).
/// Rendering is linear, but a preview of tens of megabytes would still hold the editor for
/// seconds on every keystroke, and the output would be larger still.
pub const MAX_SOURCE_BYTES: usize = 8 * 1024 * 1024;

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

/// Deepest nesting of control structures (`if`, `range`, `with`, `block`) and parentheses
/// accepted in a template. The parser and the executor recurse on this nesting, so a
/// hostile template could otherwise overflow the stack.
pub const MAX_TEMPLATE_PARSE_NESTING: usize = 100;

/// Evaluation steps (nodes, commands, loop iterations) one template execution may take.
/// Stops endless or enormous loops (`{{ range 100000000 }}`) from freezing the editor.
pub const MAX_TEMPLATE_STEPS: u64 = 1_000_000;

/// Deepest chain of `template` / `partial` calls. Stops unbounded recursion.
pub const MAX_TEMPLATE_CALL_DEPTH: usize = 64;

/// Deepest nesting the executor reaches counting control structures, parentheses and
/// calls together: the true bound on its recursion, so on its stack use (a 1 MB wasm stack
/// must hold it).
pub const MAX_TEMPLATE_EXEC_NESTING: usize = 200;

/// Deepest nesting of lists and maps in a template value (a list or map of plain values is
/// 1 deep; front matter and config arrive at most [`MAX_FRONT_MATTER_DEPTH`] deep). `dict`,
/// `slice`, `append`, `merge`, `.Scratch` … keep their arguments, so a loop such as
/// `{{ $x = dict "a" $x }}` could nest a value as deep as the step budget allows, and
/// dropping, printing, comparing or `jsonify`ing it recurses once per level: 90,000 levels
/// overflowed the stack and aborted the process (a trap in WebAssembly). Building a deeper
/// value is an error at the call. At this depth, walking a value fits a 1 MB wasm stack
/// even from inside the executor's deepest nesting ([`MAX_TEMPLATE_EXEC_NESTING`]).
pub const MAX_TEMPLATE_VALUE_DEPTH: usize = 128;

/// Most bytes one template execution may write. Stops output bombs (nested loops printing
/// long strings) from exhausting memory.
pub const MAX_TEMPLATE_OUTPUT_BYTES: usize = 8 * 1024 * 1024;

/// Bytes of HTML a page may render to (content, summary and TOC each), before sanitizing.
/// Markdown can multiply its input: 1 MB of footnote references is 25 MB of HTML, and the
/// sanitizer's HTML parser slows down on documents that large. The rest is cut off at a tag
/// (a warning says so); the sanitizer closes whatever the cut left open.
pub const MAX_OUTPUT_BYTES: usize = 16 * 1024 * 1024;

/// Evaluation steps all the template executions of one page may take together. The limit per
/// execution alone lets a page repeat a heavy call thousands of times (each one within its
/// own limit) and hold the editor for minutes; a real page takes well under a million.
pub const MAX_PAGE_TEMPLATE_STEPS: u64 = 10_000_000;

/// Bytes all the template executions of one page may write together: the output bomb
/// repeated on every line, each call within [`MAX_TEMPLATE_OUTPUT_BYTES`], stops here.
pub const MAX_PAGE_TEMPLATE_OUTPUT_BYTES: usize = 16 * 1024 * 1024;

/// Bytes (call keys, outputs and messages) one generation of the cache of site template
/// calls may hold; a [`crate::Renderer`] keeps two generations (this render's and the one
/// before). Without a bound, a session of edits that each call a template with new
/// parameters would grow the cache without end; an entry larger than this is not kept.
pub const MAX_TEMPLATE_CACHE_BYTES: usize = 32 * 1024 * 1024;

/// How many bytes of highlighted code blocks (request and HTML) a [`crate::Renderer`] keeps
/// per generation (two generations, as for template calls): a keystroke outside code then
/// colours nothing again.
pub const MAX_HIGHLIGHT_CACHE_BYTES: usize = 8 * 1024 * 1024;

/// Markdown rendered from a template (`markdownify`, `.RenderString`) whose render hooks call
/// it again: past this depth it renders without the hooks, so input cannot nest it further.
pub const MAX_NESTED_MARKDOWN: usize = 4;

/// How deep pages may show each other's `.Content` (a page that includes one that includes
/// it would otherwise never end). Past it, `.Content` is an error.
pub const MAX_NESTED_PAGES: usize = 4;

/// Themes read beneath a project (its `theme` list and the themes' own components): more is
/// a cycle or a mistake.
pub const MAX_THEMES: usize = 16;

/// Files a site may give (`files`): layouts, config, translations, data, content paths.
pub const MAX_SITE_FILES: usize = 20_000;

/// Bytes of all the site's files together.
pub const MAX_SITE_BYTES: usize = 64 * 1024 * 1024;

/// Data files read from one `data/` folder (the project's or a theme's).
pub const MAX_DATA_FILES: usize = 2_000;

/// Bytes of one data file a preview decodes (its depth is bounded by
/// [`MAX_FRONT_MATTER_DEPTH`]).
pub const MAX_DATA_FILE_BYTES: usize = 4 * 1024 * 1024;
