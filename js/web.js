// Browsers without a bundler (`--target web`): `await init()` once, then render.
import initGlue, * as glue from './web/hugo_preview.js';
import { createApi, HugoPreviewCrash } from './core.js';

import initHighlighter, { answer } from './highlight/hugo_preview_highlight.js';
import initQr, { qrAnswer } from './qr/hugo_preview_qr.js';

// The highlighter module is fetched only when a page has code to colour (or on
// `loadHighlighter()`); `input` as for init(): by default highlight/ next to this file.
const loadHighlighterModule = (input) =>
  initHighlighter(input === undefined ? undefined : { module_or_path: input }).then(() => ({ answer }));

// The `qr` shortcode's encoder: fetched only when a page has a QR code (or on `loadQr()`);
// `input` as for init(): by default qr/ next to this file.
const loadQrModule = (input) =>
  initQr(input === undefined ? undefined : { module_or_path: input }).then(() => ({ answer: qrAnswer }));

// KaTeX, for `transform.ToMath`: a JavaScript module of its own (math/katex.js), fetched only
// when a page has a formula (or on `loadMath()`).
const loadMathModule = () => import('./math/katex.js');

let loading = null;
let loaded = false;

/**
 * Loads and instantiates the module (once; later calls return the same promise). `input`:
 * where the .wasm is (URL, Response, bytes or a compiled WebAssembly.Module); by default
 * the package's one .wasm, bundler/hugo_preview_bg.wasm (the three builds share it).
 */
export default function init(input) {
  loading ??= initGlue(input === undefined ? undefined : { module_or_path: input }).then(() => {
    loaded = true;
  });
  return loading;
}

/** Instantiates synchronously from bytes or a compiled module (in a worker, say). */
export function initSync(module) {
  glue.initSync({ module });
  loaded = true;
  loading ??= Promise.resolve();
}

export { HugoPreviewCrash };
export const { render, parse, Renderer, loadHighlighter, loadMath, loadQr, version, memoryBytes, __trapForTests } = createApi(
  glue,
  () => loaded,
  'hugo-preview: call `await init()` before rendering (the web build loads its .wasm asynchronously)',
  loadHighlighterModule,
  loadMathModule,
  loadQrModule,
);
