// Types of `hugo-preview/cms` (js/cms.js): a live Hugo preview for Decap CMS and Sveltia CMS.
import type { Diagnostic, RenderOptions, RenderResult, Renderer } from './index.js';
import type { BinaryFile } from './web/hugo_preview.js';

/** What the module uses of the CMS object: Decap's (`decap-cms-app`, `decap-cms`) and Sveltia's have it. */
export interface PreviewRegistry {
  registerPreviewTemplate(name: string, component: any): void;
  registerPreviewStyle(style: string, options?: { raw?: boolean }): void;
}

/** A collection to preview: its name, or its settings as in the CMS's configuration. */
export type PreviewCollection =
  | string
  | {
      name: string;
      /** `yaml-frontmatter`, `toml-frontmatter`, `json-frontmatter` or `frontmatter` (the default: read from the file, else YAML). */
      format?: string;
      /** Where new entries go (`content/posts`), for the path of an entry not saved yet. */
      folder?: string;
      /** The files' extension (default `md`). */
      extension?: string;
    };

/** The site's files, given: paths in the project (`hugo.toml`, `layouts/_shortcodes/x.html`) to texts. */
export interface SiteFiles {
  files: Record<string, string>;
  /** Images of page bundles and `assets/`: where they are served and their size. */
  binaryFiles?: Record<string, BinaryFile>;
}

/**
 * The site's files, fetched from where the project is served: `url` is the project's root
 * (`/hugo-site/`); `manifest` lists the files, as `hugo-preview manifest DIR` prints it: a URL
 * relative to `url` (default `hugo-preview.json`), or the list itself.
 */
export interface SiteAtUrl {
  url: string | URL;
  manifest?: string | URL | string[] | SiteManifest;
}

/** The list of a project's files (`hugo-preview manifest DIR`), paths relative to its root. */
export interface SiteManifest {
  files: string[];
  /** Images, with their size; their URL is `url` + path unless the manifest gives one. */
  binaryFiles?: Record<string, Partial<BinaryFile>>;
}

export interface HugoPreviewCmsOptions {
  /** The collections (and file collections' files) to register a preview template for, by name. */
  collections: PreviewCollection[];
  /** The site: its files, or where they are served. */
  site: SiteFiles | SiteAtUrl;
  /**
   * The CMS's React `createElement`. Default: `CMS.h`, else `window.h` (Sveltia CMS and the
   * `decap-cms` bundle set it); with `decap-cms-app` pass `React.createElement`.
   */
  h?: (type: any, props?: any, ...children: any[]) => any;
  /** The site's stylesheets (URLs), registered with `registerPreviewStyle`. */
  styles?: string[];
  /** Register the pane's own small stylesheet (diagnostics list, error boxes); default true. */
  css?: boolean;
  /** `page` (default): the article (title, meta line, TOC, content, footnotes); `content`: Hugo's `.Content`. */
  output?: 'page' | 'content';
  /** The project's content folder (default `content`): entry paths are made relative to it. */
  contentDir?: string;
  /** Where the package's .wasm is, for `init()` (needed when a bundler moved the package: esbuild). */
  wasm?: string | URL | Request | Response | BufferSource | WebAssembly.Module;
  /** Where the highlighter's .wasm is, for `loadHighlighter()`; given, it is loaded with the site (else the first time a page has code, from next to the package). */
  highlighter?: string | URL | Request | Response | BufferSource | WebAssembly.Module;
  /** More options of the site's Renderer (`embeds`, `markup`, …); `files` come from `site`. */
  rendererOptions?: Omit<RenderOptions, 'files' | 'binaryFiles'> & { highlight?: boolean };
  /** Called after each render shown in a pane. */
  onResult?: (result: RenderResult, info: RenderInfo) => void;
}

export interface RenderInfo {
  /** The page's path below the content folder (`posts/a.md`). */
  path: string;
  /** The file rendered: front matter written from the fields, then the body. */
  source: string;
  /** The line of `source` where the body starts. */
  bodyLine: number;
  /** Milliseconds the render took. */
  ms: number;
  /** The element the HTML was painted into (in the preview's document). */
  element: HTMLElement;
}

export interface HugoPreviewCms {
  /** The site's Renderer once the module and the site are loaded; rejects if they cannot be. */
  ready: Promise<Renderer>;
  /** Renders the panes on show again (after `setFile` or `registerShortcode` on the Renderer). */
  refresh(): void;
}

/** Registers a preview template per collection (and the styles) with the CMS. */
export function registerHugoPreview(CMS: PreviewRegistry, options: HugoPreviewCmsOptions): HugoPreviewCms;

/** Default manifest name under `site.url`. */
export const DEFAULT_MANIFEST: 'hugo-preview.json';

/** The pane's own stylesheet (registered unless `css: false`). */
export const previewCss: string;

/** `toml`, `yaml` or `json`, from the CMS's `format` name and the file as loaded. */
export function frontMatterFormat(format?: string | null, raw?: string | null): 'toml' | 'yaml' | 'json';

/** The content file for entry data: fields but `body` as front matter, then the body. */
export function entryToSource(data: Record<string, unknown>, format?: 'yaml' | 'toml' | 'json'): { source: string; bodyLine: number };

/** A path relative to the content folder (`content/posts/a.md` → `posts/a.md`). */
export function contentPath(path: string, contentDir?: string): string;

/** What a preview renders for a template's props (`entry`, and Decap's `collection`). */
export function entryFile(
  props: { entry: unknown; collection?: unknown },
  collection?: PreviewCollection,
  options?: { contentDir?: string },
): { source: string; path: string; bodyLine: number };

/** Loads the site's files: given, or fetched by the manifest (`problems`: files that could not be). */
export function loadSite(
  site: SiteFiles | SiteAtUrl,
  options?: { fetch?: typeof fetch },
): Promise<{ files: Record<string, string>; binaryFiles: Record<string, BinaryFile>; problems: string[] }>;

/** Makes `target`'s children those of (sanitized) `html`, changing only what differs. */
export function patchHtml(target: Element, html: string): void;

/** Where a diagnostic is, as the writer sees the entry: `body, line 3`, `front matter`, `hugo.toml:4`. */
export function diagnosticPlace(diagnostic: Diagnostic, bodyLine: number): string;
