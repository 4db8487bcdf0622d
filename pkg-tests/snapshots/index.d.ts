// Types of the hugo-preview package. The data types (options, results, diagnostics, the
// outline) are generated from the Rust types by tsify; this file declares the wrapper's API,
// which is the same for the web, bundler and Node builds.
import type {
  PageInput,
  RenderOptions,
  RenderResult,
  ParseResult,
  RegisterOptions,
  ShortcodeCall,
} from './web/hugo_preview.js';

export type {
  Author,
  AutoIdType,
  Diagnostic,
  FrontMatterFormat,
  GoldmarkOptions,
  Heading,
  MarkupOptions,
  PageFields,
  PageInput,
  ParseResult,
  Range,
  RegisterOptions,
  RenderOptions,
  RenderResult,
  Rendered,
  Severity,
  ShortcodeCall,
  ShortcodeNode,
  Span,
  TocEntry,
  TocOptions,
} from './web/hugo_preview.js';

/**
 * Loads and instantiates the WebAssembly module; call it once before anything else. In the
 * web build it fetches the package's `bundler/hugo_preview_bg.wasm` (or `input`: a URL,
 * a Response, bytes or a compiled module); in Node and bundler builds it does nothing.
 */
export default function init(
  input?: string | URL | Request | Response | BufferSource | WebAssembly.Module,
): Promise<void>;

/** Instantiates synchronously from bytes or a compiled module (web build; no-op elsewhere). */
export function initSync(module: BufferSource | WebAssembly.Module): void;

/**
 * The wrapper's own option: `highlight: false` leaves code uncoloured and never loads the
 * highlighter module. By default code is coloured as Hugo colours it (`markup.highlight`).
 */
export interface HighlightOption {
  highlight?: boolean;
}

/**
 * Renders one content file. Throws a `TypeError` naming the field for bad options; bad
 * content never throws, it comes back in `diagnostics`. When `highlightPending` is true, code
 * blocks are uncoloured because the highlighter module is loading: render again once
 * `loadHighlighter()` resolves. When `mathPending` is true, `transform.ToMath` formulas show
 * as their TeX because KaTeX is loading: render again once `loadMath()` resolves. When
 * `qrPending` is true, the `qr` shortcode's codes are left out because their encoder is
 * loading: render again once `loadQr()` resolves.
 */
export function render(source: string, options?: (RenderOptions & HighlightOption) | null): RenderResult;

/**
 * Loads the highlighter module (about 0.5 MB gzipped; fetched by itself the first time a page
 * has code to colour). Call it early to have colours on the first render; render again when it
 * resolves if a result had `highlightPending`. `input` (web and bundler builds): where its
 * .wasm is, by default `highlight/hugo_preview_highlight_bg.wasm` next to the package; in
 * Node, its bytes or a compiled module. Rejects if it cannot be loaded (code then renders
 * uncoloured, with an error diagnostic on each block).
 */
export function loadHighlighter(
  input?: string | URL | Request | Response | BufferSource | WebAssembly.Module,
): Promise<void>;

/**
 * Loads KaTeX for `transform.ToMath` (the JavaScript Hugo runs, 85 KB gzipped: `math/katex.js`
 * next to the package, fetched by itself the first time a page has a formula). Call it early
 * to have formulas on the first render; render again when it resolves if a result had
 * `mathPending`. Rejects if it cannot be loaded (each formula is then an error saying so).
 */
export function loadMath(): Promise<void>;

/**
 * Loads the `qr` shortcode's encoder (a small WebAssembly module, fetched by itself the first
 * time a page has a QR code). Render again when it resolves if a result had `qrPending`.
 * `input` (web and bundler builds): where its .wasm is, by default
 * `qr/hugo_preview_qr_bg.wasm` next to the package; in Node, its bytes or a compiled module.
 * Rejects if it cannot be loaded (each QR code is then an error saying so).
 */
export function loadQr(
  input?: string | URL | Request | Response | BufferSource | WebAssembly.Module,
): Promise<void>;

/** The outline of one content file: front matter, shortcode tree, headings, summary divider. */
export function parse(source: string, options?: RenderOptions | null): ParseResult;

/** The package's version. */
export function version(): string;

/** Bytes of WebAssembly memory (`memory.buffer.byteLength`), for leak checks. */
export function memoryBytes(): number;

/** Thrown by the one call that hit a trap; the next call runs on a fresh instance. */
export class HugoPreviewCrash extends Error {
  name: 'HugoPreviewCrash';
}

/**
 * A renderer kept across keystrokes: options, the site config and the shortcode templates are
 * compiled once, and again only when one of them changes.
 */
export class Renderer {
  /** Throws a `TypeError` naming the field for bad options. */
  constructor(options?: (RenderOptions & HighlightOption) | null);
  /**
   * Renders `source` with this renderer's options, templates and functions. `page` says where
   * the file is in the site (`{ path: 'posts/a.md' }`; default: the options' `path`):
   * switching pages keeps the compiled templates.
   */
  render(source: string, page?: PageInput | null): RenderResult;
  /** The outline of `source` (`page` as for `render`). */
  parse(source: string, page?: PageInput | null): ParseResult;
  /** Sets the site template of shortcode `name` (`layouts/shortcodes/NAME.html`). */
  setShortcode(name: string, template: string): void;
  /** Replaces every site shortcode template. */
  setShortcodes(templates: Record<string, string>): void;
  /** Sets a partial (`layouts/partials/NAME`) that templates call. */
  setPartial(name: string, source: string): void;
  /**
   * Adds or replaces a file of the site given as `files` (`hugo.toml`,
   * `layouts/_shortcodes/x.html`, `themes/NAME/layouts/_markup/render-link.html`,
   * `data/authors.yaml`, `i18n/en.toml`, `content/posts/a.md`): what depends on it is read
   * again, and only templates whose text changed are compiled again.
   */
  setFile(path: string, text: string): void;
  /** Removes a file of the site given as `files`; returns whether there was one. */
  deleteFile(path: string): boolean;
  /** Sets the site config (`hugo.toml`, `hugo.yaml` or `hugo.json` text); `null` removes it. */
  setSiteConfig(text: string | null): void;
  /**
   * Registers a JavaScript shortcode: it receives the call and returns HTML, which is sanitized
   * like everything else. What it throws becomes an error diagnostic. It replaces a site
   * template or built-in of the same name.
   */
  registerShortcode(
    name: string,
    fn: (call: ShortcodeCall) => string | null | undefined,
    options?: RegisterOptions,
  ): void;
  /** Removes a JavaScript shortcode; returns whether there was one. */
  unregisterShortcode(name: string): boolean;
  /** Frees the renderer's memory now rather than when it is garbage-collected. */
  free(): void;
  [Symbol.dispose](): void;
}
