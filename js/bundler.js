// Bundlers that load WebAssembly as ES modules (`--target bundler`, e.g. webpack with
// asyncWebAssembly): the module is instantiated on import.
import * as glue from './bundler/hugo_preview.js';
import { createApi, HugoPreviewCrash } from './core.js';

import initHighlighter, { answer } from './highlight/hugo_preview_highlight.js';
import initQr, { qrAnswer } from './qr/hugo_preview_qr.js';

// The highlighter module is fetched only when a page has code to colour (or on
// `loadHighlighter()`); the bundler resolves its URL (`new URL(…, import.meta.url)`).
const loadHighlighterModule = (input) =>
  initHighlighter(input === undefined ? undefined : { module_or_path: input }).then(() => ({ answer }));

// The `qr` shortcode's encoder: fetched only when a page has a QR code (or on `loadQr()`);
// the bundler resolves its URL.
const loadQrModule = (input) =>
  initQr(input === undefined ? undefined : { module_or_path: input }).then(() => ({ answer: qrAnswer }));

// KaTeX, for `transform.ToMath`: a chunk of its own for the bundler (math/katex.js), loaded
// only when a page has a formula (or on `loadMath()`).
const loadMathModule = () => import('./math/katex.js');

export default async function init() {}
export function initSync() {}
export { HugoPreviewCrash };
export const { render, parse, Renderer, loadHighlighter, loadMath, loadQr, version, memoryBytes, __trapForTests } = createApi(
  glue,
  () => true,
  '',
  loadHighlighterModule,
  loadMathModule,
  loadQrModule,
);
