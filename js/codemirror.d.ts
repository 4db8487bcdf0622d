// Types of `hugo-preview/codemirror` (js/codemirror.js): a CodeMirror 6 extension.
import type { CompletionSource } from '@codemirror/autocomplete';
import type { Diagnostic as LintDiagnostic } from '@codemirror/lint';
import type { Extension, StateField } from '@codemirror/state';
import type { EditorView } from '@codemirror/view';
import type { ParseResult, RenderResult } from './index.js';

/** A shortcode's parameters: named ones by name, positional ones by index. */
export interface ShortcodeParameters {
  named: string[];
  positional: number[];
}

/** The built-ins a writer can call, with the parameters Hugo reads. */
export const builtinShortcodes: Readonly<Record<string, ShortcodeParameters>>;

/**
 * The parameters a template reads (`.Get "name"`, `.Get 0`, `index .Params "name"`): a scan of
 * its text, so a name built at run time is not found.
 */
export function shortcodeParameters(template: string): ShortcodeParameters;

/** Built-ins, then the site's templates (name → source), which replace a built-in's entry. */
export function shortcodeCatalog(
  templates?: Record<string, string>,
): Map<string, ShortcodeParameters & { source: 'built-in' | 'site template' }>;

/** The site's templates, or a function that returns them (read on each completion). */
export type ShortcodeTemplates = Record<string, string> | (() => Record<string, string>);

/**
 * A render result's diagnostics for one file (`null`: the content file; else its name as
 * diagnostics give it: `hugo.toml`, `shortcodes/image.html`) as CodeMirror's.
 */
export function diagnosticsFromResult(
  result: RenderResult | null | undefined,
  options?: { file?: string | null; docLength?: number },
): LintDiagnostic[];

/** Shows a result's diagnostics for `file` in `view` (another file's editor, say). */
export function showDiagnostics(view: EditorView, result: RenderResult, options?: { file?: string | null }): void;

/** Renders the document again though it did not change (after the site's files changed, say). */
export function refreshHugoPreview(view: EditorView): void;

/** The latest render result shown for the editor's document (null before the first). */
export const hugoResult: StateField<RenderResult | null>;

/** Completion of shortcode names after `{{<`/`{{%`, and of a call's parameters. */
export function shortcodeCompletionSource(options?: { shortcodes?: ShortcodeTemplates }): CompletionSource;
export function hugoCompletion(options?: { shortcodes?: ShortcodeTemplates }): Extension;

/** On hover over a shortcode call, its rendered output (rendered alone after the front matter). */
export function hugoHover(options: {
  parse: (source: string) => ParseResult | Promise<ParseResult>;
  render: (source: string) => RenderResult | Promise<RenderResult>;
  hoverTime?: number;
}): Extension;

/** Marks the front matter (`cm-hugo-front-matter` lines) and shortcode calls (`cm-hugo-shortcode`, `cm-hugo-shortcode-name`). */
export function hugoSyntax(): Extension;

/** Scroll sync both ways through `data-source-line` (render with `sourceLines: true`); returns a stop function. */
export function syncPreviewScroll(view: EditorView, scroller: HTMLElement): () => void;

/** Paints each result into `element` (`pageHtml` by default, or `paint`) and scroll-syncs it. */
export function hugoPreviewPanel(
  element: HTMLElement,
  options?: { paint?: (result: RenderResult, element: HTMLElement) => void; scroller?: HTMLElement },
): Extension;

/** Calls `listener` after each render shown in the editor. */
export function onHugoResult(listener: (result: RenderResult, view: EditorView) => void): Extension;

export interface HugoPreviewOptions {
  /** Renders the document (the package's `Renderer.render`, a worker, …); sync or async. */
  render: (source: string) => RenderResult | Promise<RenderResult>;
  /** For the hover (the package's `Renderer.parse`); no hover without it. */
  parse?: (source: string) => ParseResult | Promise<ParseResult>;
  /** Renders a call alone for the hover (default: `render`). */
  renderCall?: (source: string) => RenderResult | Promise<RenderResult>;
  /** The site's shortcode templates, for completion. */
  shortcodes?: ShortcodeTemplates;
  /** Whose diagnostics this editor shows: null (default) for the content file. */
  file?: string | null;
  /** A preview element (or its options) painted and scroll-synced with the editor. */
  preview?: HTMLElement | { element: HTMLElement; paint?: (result: RenderResult, element: HTMLElement) => void; scroller?: HTMLElement };
  /** Called after each render shown. */
  onResult?: (result: RenderResult, view: EditorView) => void;
  /** Lint with the diagnostics (default true). */
  lint?: boolean;
  /** Hover on shortcode calls (default true, needs `parse`). */
  hover?: boolean;
}

/** Everything above in one extension. */
export function hugoPreview(options: HugoPreviewOptions): Extension;
