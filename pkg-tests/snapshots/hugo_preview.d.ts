/* tslint:disable */
/* eslint-disable */

/** What `parse` returns (the core's `Parsed`; positions in UTF-16 code units). */
export type ParseResult = Parsed;
/** One shortcode call in the outline (the core's `OutlineNode`). */
export type ShortcodeNode = OutlineNode;



/** What `render` returns (the core's `Rendered`; positions in UTF-16 code units). */
export type RenderResult = Rendered;



/** What a JavaScript shortcode receives (`Renderer.registerShortcode`): the core's `ExternalCall`. */
export type ShortcodeCall = ExternalCall;


/**
 * A binary file of the site (an image): where a page shows it, and its size when known.
 */
export interface BinaryFile {
    /**
     * `.RelPermalink` and `.Permalink`; Hugo's published path when left out.
     */
    url?: string | undefined;
    /**
     * Pixels, for `.Width` and for the sizes `.Resize`, `.Fit`, `.Fill` give.
     */
    width?: number | undefined;
    height?: number | undefined;
}

/**
 * A half-open range `start..end` of a file: bytes natively, UTF-16 code units in the
 * package (what JavaScript strings, textareas and CodeMirror count).
 */
export interface Span {
    start: number;
    end: number;
}

/**
 * A heading of the page, for an editor's outline: what the table of contents would show, at
 * every level, and where the heading is in the source.
 */
export interface Heading extends Span {
    level: number;
    /**
     * The id Hugo gives it (after shortcodes), empty when it has none.
     */
    id: string;
    /**
     * Its plain text, as a reader sees it: the rendered heading's `textContent`, white space
     * collapsed (the same as [`TocEntry::text`]). Never markup: insert it as text, not as
     * HTML (a heading that shows `<b>` has `<b>` here).
     */
    text: string;
    /**
     * 1-based line of `span.start`.
     */
    line: number;
}

/**
 * A place in the file for an editor: a span and the 1-based line of its start.
 */
export interface Range extends Span {
    line: number;
}

/**
 * An entry of the `authors` list: a name, or a table such as the sample's `[[authors]]`.
 */
export interface Author {
    name: string | null;
    url: string | null;
    avatar: string | null;
    /**
     * The table's other string, number and boolean fields (e.g. `person = "yuki"`), as
     * strings, keys as written; themes read such fields.
     */
    params: Record<string, unknown>;
}

/**
 * Everything a preview needs from one content file. In the package this is `RenderResult`,
 * its TypeScript type derived from this one, its diagnostics' positions in UTF-16.
 */
export interface Rendered {
    /**
     * What Hugo's `.Content` gives, sanitized.
     */
    contentHtml: string;
    /**
     * What Hugo's `.Summary` gives, sanitized.
     */
    summaryHtml: string;
    /**
     * Whether the summary is shorter than the content (Hugo's `.Truncated`).
     */
    truncated: boolean;
    /**
     * What Hugo's `.TableOfContents` gives.
     */
    tocHtml: string;
    /**
     * The table of contents as data, in document order.
     */
    toc: TocEntry[];
    /**
     * The front matter as written, as a JSON-compatible tree (`null` when there is none).
     */
    frontMatter: Record<string, unknown> | null;
    /**
     * `"toml"`, `"yaml"`, `"json"` or `"org"`; `null` without front matter.
     */
    frontMatterFormat: FrontMatterFormat | null;
    /**
     * The fields Hugo and themes read from the front matter, typed.
     */
    page: PageFields;
    /**
     * Hugo's `.WordCount`.
     */
    wordCount: number;
    /**
     * Hugo's `.ReadingTime`, in minutes.
     */
    readingTime: number;
    /**
     * A complete article preview: header, cover, TOC and content.
     */
    pageHtml: string;
    /**
     * Every problem found, in source order; those of the site config and templates last.
     */
    diagnostics: Diagnostic[];
    /**
     * Code blocks wait for the highlighter (the package loads it when a page first has code
     * to colour): they are shown uncoloured; render again when it is there
     * (`highlighterReady()` in the package).
     */
    highlightPending: boolean;
    /**
     * Formulas (`transform.ToMath`) wait for KaTeX (the package loads it when a page first
     * has one): they show as their TeX; render again when it is there.
     */
    mathPending: boolean;
    /**
     * QR codes (the `qr` shortcode) wait for their encoder (the package loads it when a page
     * first has one): they are left out; render again when it is there.
     */
    qrPending: boolean;
}

/**
 * Everything that changes how a content file is rendered.
 */
export interface RenderOptions {
    /**
     * The site as its files: path in the project (`hugo.toml`, `layouts/_shortcodes/x.html`,
     * `themes/book/layouts/…`, `i18n/en.toml`, `data/authors.yaml`, `content/posts/a.md`)
     * → text, `/`-separated. Read as Hugo reads a project: the config (merged with its
     * themes'), the project's layouts over the themes', translations, data, the pages. The
     * fields below, when set, are used over what the files give.
     */
    files?: Record<string, string>;
    /**
     * The site's binary files (images beside a post, in `assets/`): path in the project →
     * where the page shows them and their size. A preview reads no bytes of them: `.Width`
     * and `.Height` come from here, and `.RelPermalink` is `url` (a URL the embedder serves,
     * or a `blob:` URL), else the one Hugo would publish the file at.
     */
    binaryFiles?: Record<string, BinaryFile>;
    /**
     * Hugo's `markup` settings (`markup.goldmark`, `markup.tableOfContents`).
     */
    markup?: MarkupOptions;
    /**
     * Words in an automatic summary (`summaryLength`, default 70).
     */
    summaryLength?: number;
    /**
     * The site config, as the text of `hugo.toml`, `hugo.yaml` or `hugo.json`: params,
     * title, baseURL, privacy and the `markup` settings (which override `markup` above).
     */
    siteConfig?: string | undefined;
    /**
     * The format of `site_config`; detected when left out.
     */
    siteConfigFormat?: FrontMatterFormat | undefined;
    /**
     * The site's shortcode templates, name → template source, as in
     * `layouts/shortcodes/NAME.html` (nested names with `/`). A name here replaces the
     * built-in of the same name.
     */
    shortcodes?: Record<string, string>;
    /**
     * Partials the shortcode templates call, name → source, as in `layouts/partials/`.
     */
    partials?: Record<string, string>;
    /**
     * Translations for `T`/`i18n`: id → text, or a table with `one`/`other` for plurals, as
     * in the site's `i18n/LANG.toml`.
     */
    i18n?: Record<string, string | Record<string, string>>;
    /**
     * Known pages for `ref`/`relref`: content path (`posts/other.md`) → permalink below the
     * site's root (`/posts/other/`; a `baseURL` with a path, `https://example.org/docs/`, adds
     * `/docs` to `RelPermalink` and `relref` as Hugo does).
     */
    pages?: Record<string, string>;
    /**
     * The content file's path in the site (`posts/my-post.md`), for `.Position` and for
     * resolving relative `ref`s: the default for renders that give no [`PageInput`].
     */
    path?: string | undefined;
    /**
     * Allow iframes from the embed allowlist (YouTube, Vimeo). Off by default: a preview
     * calls no third party unless asked; videos show as static cards.
     */
    embeds?: boolean;
    /**
     * Block elements of the content carry `data-source-line` (their first line in the
     * file), so an editor can keep the preview scrolled to the same place as the source.
     */
    sourceLines?: boolean;
    /**
     * Keep `data-*` attributes on any element (Hugo's own `data-lang` on code, and
     * `data-source-line` with the source lines option, are kept regardless). Off by
     * default: the page that shows the preview may run scripts that act on `data-*`
     * attributes wherever they appear (Bootstrap's `data-target`/`data-bs-toggle`, htmx's
     * `data-hx-get` …), so content could drive them: Bootstrap's `data-target` XSS
     * (CVE-2018-14042) is that class. Turn it on only if the page that shows the preview
     * runs no such script.
     */
    allowDataAttributes?: boolean;
    /**
     * The time `now` gives, RFC 3339 (`2021-11-06T22:30:00+09:00`), as Hugo's `--clock`
     * sets it: for output that does not change from one render to the next. Left out, the
     * system's clock (in a browser, JavaScript's `Date.now()`). Either way `now` is in UTC.
     */
    clock?: string | undefined;
}

/**
 * How bad a problem is. Hugo would stop the build on an `Error`; a preview renders the rest.
 */
export type Severity = "error" | "warning" | "info";

/**
 * How heading ids are made from heading text (`parser.autoIDType`).
 */
export type AutoIdType = "github" | "github-ascii" | "blackfriday";

/**
 * Hugo's `markup` configuration, with Hugo's defaults.
 */
export interface MarkupOptions {
    goldmark?: GoldmarkOptions;
    tableOfContents?: TocOptions;
}

/**
 * One call, as handed to an external implementation (in the package: what a JavaScript
 * shortcode receives, `ShortcodeCall`).
 */
export interface ExternalCall {
    /**
     * The name as written (`figure`, `sub/name`).
     */
    name: string;
    /**
     * Hugo's `.Params`: an array (positional) or an object (named), values typed as Hugo
     * types them.
     */
    params: unknown[] | Record<string, unknown>;
    /**
     * Hugo's `.IsNamedParams`.
     */
    isNamedParams: boolean;
    /**
     * Hugo's `.Inner` (`""` when the call has no closing tag).
     */
    inner: string;
    /**
     * Hugo's `.Ordinal`: 0-based among siblings.
     */
    ordinal: number;
    /**
     * Where the opening `{{` is.
     */
    position: ExternalPosition;
    /**
     * The page: its typed fields, and `params`, the whole front matter as written.
     */
    page: ExternalPage;
}

/**
 * One entry of the table of contents, as data. The Markdown stage gives the headings; the
 * renderer makes these from them once the HTML is sanitized.
 */
export interface TocEntry {
    level: number;
    id: string;
    /**
     * The heading's plain text, as a reader sees it: the rendered heading's `textContent`,
     * white space collapsed. Never markup: insert it as text, not as HTML (a heading that
     * shows `<b>` has `<b>` here).
     */
    text: string;
}

/**
 * One problem found while rendering.
 *
 * Natively, offsets are bytes and columns Unicode characters; the package gives both in
 * UTF-16 code units (what JavaScript strings, textareas and CodeMirror count).
 */
export interface Diagnostic extends Span {
    severity: Severity;
    /**
     * What is wrong, in Hugo's words where Hugo has a message for it. Plain text (it may
     * quote the source, `<` and all): show it as text.
     */
    message: string;
    /**
     * 1-based line of `span.start`.
     */
    line: number;
    /**
     * 1-based column of `span.start`.
     */
    column: number;
    /**
     * 1-based line of `span.end`.
     */
    endLine: number;
    /**
     * 1-based column of `span.end`.
     */
    endColumn: number;
    /**
     * The file: `null` for the content file, else `hugo.toml`, `shortcodes/NAME.html`,
     * `partials/NAME`.
     */
    file: string | null;
}

/**
 * One shortcode call in the outline (`ShortcodeNode` in the package, positions in UTF-16).
 */
export interface OutlineNode extends Span {
    name: string;
    /**
     * An array (positional) or an object (named), values typed as Hugo types them.
     */
    params: unknown[] | Record<string, unknown>;
    /**
     * `{{% %}}` notation.
     */
    markdown: boolean;
    selfClosing: boolean;
    closed: boolean;
    /**
     * The raw source between the tags, when there is a closing tag.
     */
    inner: string | null;
    children: OutlineNode[];
    /**
     * 1-based line of the opening `{{`.
     */
    line: number;
    ordinal: number;
    /**
     * Set when this call could not be parsed; the message is also in the diagnostics.
     */
    error: string | null;
}

/**
 * Opening and closing delimiter pairs. Hugo's defaults: block `\[ \]` and `$$ $$`, inline
 * `\( \)`.
 */
export interface PassthroughDelimiters {
    block?: [string, string][];
    inline?: [string, string][];
}

/**
 * Options of `registerShortcode`.
 */
export interface RegisterOptions {
    /**
     * The function reads `inner`: a call without `/}}` needs a closing tag (default false).
     */
    inner?: boolean;
}

/**
 * The fields Hugo and themes read from the front matter. Their strings are the values as
 * written, plain text (the article header shows them escaped), except `summary`, which is
 * Markdown (`summaryHtml` has it rendered when the page uses it).
 */
export interface PageFields {
    title: string | null;
    linkTitle: string | null;
    description: string | null;
    summary: string | null;
    /**
     * RFC 3339.
     */
    date: string | null;
    /**
     * RFC 3339.
     */
    lastmod: string | null;
    /**
     * RFC 3339.
     */
    publishDate: string | null;
    /**
     * RFC 3339.
     */
    expiryDate: string | null;
    draft: boolean;
    slug: string | null;
    tags: string[];
    categories: string[];
    keywords: string[];
    images: string[];
    authors: Author[];
    toc: boolean;
    weight: number;
}

/**
 * The front matter formats Hugo detects from the first non-blank character.
 */
export type FrontMatterFormat = "toml" | "yaml" | "json" | "org";

/**
 * The outline of a content file, for editor features and the CLI's `parse` command. In the
 * package this is `ParseResult`, its positions in UTF-16.
 */
export interface Parsed {
    /**
     * The front matter as written (`null` when there is none).
     */
    frontMatter: Record<string, unknown> | null;
    frontMatterFormat: FrontMatterFormat | null;
    /**
     * Where the front matter block is, delimiters included (`None` without one).
     */
    frontMatterRange: Range | null;
    /**
     * Top-level shortcode calls, each with its nested calls.
     */
    shortcodes: OutlineNode[];
    /**
     * Every heading of the rendered page, in document order, with where it is written.
     */
    headings: Heading[];
    /**
     * Where the summary divider `<!--more-->` is, when the body has one at the top level.
     */
    summaryDivider: Range | null;
    /**
     * Problems in the front matter and in the shortcode syntax, in source order.
     */
    diagnostics: Diagnostic[];
}

/**
 * The page the call is on: its typed fields and its front matter as written.
 */
export interface ExternalPage extends PageFields {
    /**
     * The whole front matter (Hugo's `.Page.Params`, keys as written).
     */
    params: Record<string, unknown> | null;
}

/**
 * What belongs to one content file of the site besides its text. Unlike [`RenderOptions`]
 * (the site's), it may change from one render to the next at no cost: a renderer keeps its
 * compiled templates when an editor switches files.
 */
export interface PageInput {
    /**
     * The content file's path in the site (`posts/my-post.md`): `.Page.File`, `.Position`,
     * the page's permalink, and relative `ref`s.
     */
    path?: string | undefined;
}

/**
 * Where the call's `{{` is in the content file.
 */
export interface ExternalPosition {
    /**
     * 1-based.
     */
    line: number;
    /**
     * 1-based, in characters (UTF-16 code units in the package).
     */
    column: number;
    /**
     * Byte offset in the file (UTF-16 code units in the package).
     */
    offset: number;
}

/**
 * `markup.goldmark.extensions.cjk` (goldmark `extension/cjk.go`).
 */
export interface CjkOptions {
    enable?: boolean;
    /**
     * A soft line break between East Asian wide characters is dropped.
     */
    eastAsianLineBreaks?: boolean;
    /**
     * `simple`, or `css3draft` (CSS Text 3's segment break rules); Hugo reads any other
     * value as `simple`.
     */
    eastAsianLineBreaksStyle?: string;
    /**
     * A backslash-escaped space (`\ `) is not written.
     */
    escapedSpace?: boolean;
}

/**
 * `markup.goldmark.extensions.extras` (Hugo's `hugo-goldmark-extensions/extras`): each
 * field is the `enable` of its table (`extras.mark.enable = true`).
 */
export interface ExtrasOptions {
    delete?: boolean;
    insert?: boolean;
    mark?: boolean;
    subscript?: boolean;
    superscript?: boolean;
}

/**
 * `markup.goldmark.extensions.passthrough`.
 */
export interface PassthroughOptions {
    enable?: boolean;
    delimiters?: PassthroughDelimiters;
}

/**
 * `markup.goldmark`: the Markdown dialect. Defaults are Hugo's.
 */
export interface GoldmarkOptions {
    /**
     * `renderer.unsafe`: keep raw HTML (it is still sanitized). Off: `<!-- raw HTML omitted -->`.
     */
    unsafe?: boolean;
    /**
     * `renderer.hardWraps`: soft line breaks become `<br>`.
     */
    hardWraps?: boolean;
    /**
     * `extensions.typographer`: smart quotes, dashes and ellipses as HTML entities.
     */
    typographer?: boolean;
    /**
     * `extensions.linkify`: bare URLs and `www.` addresses become links.
     */
    linkify?: boolean;
    /**
     * `extensions.linkifyProtocol`: the scheme given to `www.` links.
     */
    linkifyProtocol?: string;
    /**
     * `extensions.table`.
     */
    table?: boolean;
    /**
     * `extensions.strikethrough`.
     */
    strikethrough?: boolean;
    /**
     * `extensions.taskList`.
     */
    taskList?: boolean;
    /**
     * `extensions.definitionList`.
     */
    definitionList?: boolean;
    /**
     * `extensions.footnote`.
     */
    footnote?: boolean;
    /**
     * `parser.autoHeadingID`.
     */
    autoHeadingID?: boolean;
    /**
     * `parser.autoIDType` (`autoHeadingIDType` before Hugo 0.144).
     */
    autoIDType?: AutoIdType;
    /**
     * `parser.attribute.title`: `## Heading {#id .class}`.
     */
    attributeTitle?: boolean;
    /**
     * `parser.attribute.block`: a line `{.class #id}` right after a block gives it these
     * attributes. Off by default, as in Hugo.
     */
    attributeBlock?: boolean;
    /**
     * The site config's top-level `enableEmoji`: `:heart:` in text becomes the emoji, as
     * character references (Hugo adds goldmark's emoji extension).
     */
    enableEmoji?: boolean;
    /**
     * `extensions.passthrough`: text between these delimiters (math) is left as written, or
     * given to the site's `render-passthrough` hook. Off by default, as in Hugo.
     */
    passthrough?: PassthroughOptions;
    /**
     * `extensions.extras`: `++ins++`, `==mark==`, `~sub~`, `^sup^`, `~~del~~`. Each off by
     * default, as in Hugo.
     */
    extras?: ExtrasOptions;
    /**
     * `extensions.cjk`. Off by default, as in Hugo.
     */
    cjk?: CjkOptions;
}

/**
 * `markup.tableOfContents`.
 */
export interface TocOptions {
    startLevel?: number;
    /**
     * `-1` means no limit.
     */
    endLevel?: number;
    ordered?: boolean;
}


/**
 * A renderer kept across keystrokes: options, the site config and the shortcode templates
 * are prepared once, and again only when one of them changes.
 */
export class Renderer {
    free(): void;
    [Symbol.dispose](): void;
    /**
     * Removes a file of the site given as `files`; `false` when there was none.
     */
    deleteFile(path: string): boolean;
    constructor(options?: RenderOptions | null);
    /**
     * The outline of `source` (`page` as for `render`).
     */
    parse(source: string, page?: PageInput | null): Parsed;
    /**
     * Registers a JavaScript shortcode: `fn(call)` gets `{ name, params, isNamedParams,
     * inner, ordinal, position, page }` and returns HTML, which is sanitized like everything
     * else. What it throws becomes an error diagnostic. Like a site template, it replaces a
     * built-in of the same name. `inner: true` makes a call without `/}}` need a closing
     * tag, as `.Inner` does in a template.
     */
    registerShortcode(name: string, _function: (call: ShortcodeCall) => string, options: RegisterOptions): void;
    /**
     * Renders `source` with this renderer's options, templates and functions; `page` says
     * where the file is in the site (`{ path: "posts/a.md" }`; default: the options' `path`).
     * Switching pages keeps the compiled templates.
     */
    render(source: string, page?: PageInput | null): Rendered;
    /**
     * Adds or replaces a file of the site given as `files` (`layouts/_shortcodes/x.html`,
     * `hugo.toml`, `data/authors.yaml`, `themes/NAME/…`): what depends on it is read again,
     * and only templates whose text changed are compiled again.
     */
    setFile(path: string, text: string): void;
    /**
     * Sets what colours code: a function from a request to an answer, `undefined` while the
     * highlighter is loading (the package's wrapper gives its bridge); `null` for none.
     */
    setHighlighter(_function: ((request: string) => string | undefined) | null): void;
    /**
     * Sets what renders `transform.ToMath`: a function from a request to an answer,
     * `undefined` while KaTeX is loading (the package's wrapper gives its bridge); `null` for
     * none.
     */
    setMath(_function: ((request: string) => string | undefined) | null): void;
    /**
     * Sets partial `name` (`layouts/partials/NAME`), for templates that call it.
     */
    setPartial(name: string, source: string): void;
    /**
     * Sets what encodes the `qr` shortcode's codes: a function from a request to an answer,
     * `undefined` while the module is loading (the package's wrapper gives its bridge); `null`
     * for none.
     */
    setQr(_function: ((request: string) => string | undefined) | null): void;
    /**
     * Sets the site template of shortcode `name` (`layouts/shortcodes/NAME.html`); it
     * replaces the built-in of that name. Compiled now, once.
     */
    setShortcode(name: string, template: string): void;
    /**
     * Replaces every site shortcode template (name → template source).
     */
    setShortcodes(templates: Record<string, string>): void;
    /**
     * Sets the site config (the text of `hugo.toml`, `hugo.yaml` or `hugo.json`); `null`
     * removes it. Problems in it come back as diagnostics with `file` set.
     */
    setSiteConfig(text?: string | null): void;
    /**
     * Removes a JavaScript shortcode; the template or built-in of that name applies again.
     */
    unregisterShortcode(name: string): boolean;
}

/**
 * Panics, to prove that the wrapper survives a trap. Not part of the API.
 */
export function __trapForTests(message: string): void;

declare function __wbg_reset_state(): void;

/**
 * Bytes of WebAssembly memory in use (`memory.buffer.byteLength`), for leak checks.
 */
export function memoryBytes(): number;

/**
 * The outline of one content file: front matter, shortcode tree, headings, summary divider.
 */
export function parse(source: string, options?: RenderOptions | null): Parsed;

/**
 * Renders one content file. Throws a `TypeError` for bad options, never for bad content.
 */
export function render(source: string, options: RenderOptions | null | undefined, highlighter: ((request: string) => string | undefined) | null, math: ((request: string) => string | undefined) | null, qr: ((request: string) => string | undefined) | null): Rendered;

/**
 * Asks for a fresh instance on the next call. The wrapper calls it after a trap that did
 * not go through the panic hook (a stack overflow, say).
 */
export function scheduleReset(): void;

export function start(): void;

/**
 * The package's version (the crate's).
 */
export function version(): string;

export type InitInput = RequestInfo | URL | Response | BufferSource | WebAssembly.Module;

export interface InitOutput {
    readonly memory: WebAssembly.Memory;
    readonly __trapForTests: (a: number, b: number) => void;
    readonly __wbg_renderer_free: (a: number, b: number) => void;
    readonly memoryBytes: () => number;
    readonly parse: (a: number, b: number, c: number) => [number, number, number];
    readonly render: (a: number, b: number, c: number, d: number, e: number, f: number) => [number, number, number];
    readonly renderer_deleteFile: (a: number, b: number, c: number) => number;
    readonly renderer_new: (a: number) => [number, number, number];
    readonly renderer_parse: (a: number, b: number, c: number, d: number) => [number, number, number];
    readonly renderer_registerShortcode: (a: number, b: number, c: number, d: any, e: number) => [number, number];
    readonly renderer_render: (a: number, b: number, c: number, d: number) => [number, number, number];
    readonly renderer_setFile: (a: number, b: number, c: number, d: number, e: number) => void;
    readonly renderer_setHighlighter: (a: number, b: number) => void;
    readonly renderer_setMath: (a: number, b: number) => void;
    readonly renderer_setPartial: (a: number, b: number, c: number, d: number, e: number) => void;
    readonly renderer_setQr: (a: number, b: number) => void;
    readonly renderer_setShortcode: (a: number, b: number, c: number, d: number, e: number) => void;
    readonly renderer_setShortcodes: (a: number, b: any) => [number, number];
    readonly renderer_setSiteConfig: (a: number, b: number, c: number) => void;
    readonly renderer_unregisterShortcode: (a: number, b: number, c: number) => number;
    readonly scheduleReset: () => void;
    readonly start: () => void;
    readonly version: () => [number, number];
    readonly __wbindgen_malloc: (a: number, b: number) => number;
    readonly __wbindgen_realloc: (a: number, b: number, c: number, d: number) => number;
    readonly __wbindgen_free: (a: number, b: number, c: number) => void;
    readonly __wbindgen_exn_store: (a: number) => void;
    readonly __externref_table_alloc: () => number;
    readonly __wbindgen_externrefs: WebAssembly.Table;
    readonly __externref_table_dealloc: (a: number) => void;
    readonly __wbindgen_start: () => void;
}

export type SyncInitInput = BufferSource | WebAssembly.Module;

/**
 * Instantiates the given `module`, which can either be bytes or
 * a precompiled `WebAssembly.Module`.
 *
 * @param {{ module: SyncInitInput }} module - Passing `SyncInitInput` directly is deprecated.
 *
 * @returns {InitOutput}
 */
export function initSync(module: { module: SyncInitInput } | SyncInitInput): InitOutput;

/**
 * If `module_or_path` is {RequestInfo} or {URL}, makes a request and
 * for everything else, calls `WebAssembly.instantiate` directly.
 *
 * @param {{ module_or_path: InitInput | Promise<InitInput> }} module_or_path - Passing `InitInput` directly is deprecated.
 *
 * @returns {Promise<InitOutput>}
 */
export default function __wbg_init (module_or_path?: { module_or_path: InitInput | Promise<InitInput> } | InitInput | Promise<InitInput>): Promise<InitOutput>;
