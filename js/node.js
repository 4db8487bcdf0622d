// Node (`--target nodejs`): the module is instantiated on import; init() is there so that
// code written for the web build runs unchanged.
import { createRequire } from 'node:module';
import { createApi, HugoPreviewCrash } from './core.js';

import { readFile } from 'node:fs/promises';
import { initSync as initHighlighter, answer } from './highlight/hugo_preview_highlight.js';
import { initSync as initQr, qrAnswer } from './qr/hugo_preview_qr.js';

// The highlighter module is read and instantiated only when a page has code to colour (or on
// `loadHighlighter()`); `input`: its bytes or a compiled module, by default the package's.
const loadHighlighterModule = async (input) => {
  const module = input ?? (await readFile(new URL('./highlight/hugo_preview_highlight_bg.wasm', import.meta.url)));
  initHighlighter({ module });
  return { answer };
};

const glue = createRequire(import.meta.url)('./node/hugo_preview.js');

// The `qr` shortcode's encoder: read and instantiated only when a page has a QR code (or on
// `loadQr()`); `input`: its bytes or a compiled module, by default the package's.
const loadQrModule = async (input) => {
  const module = input ?? (await readFile(new URL('./qr/hugo_preview_qr_bg.wasm', import.meta.url)));
  initQr({ module });
  return { answer: qrAnswer };
};

// KaTeX, for `transform.ToMath`: imported only when a page has a formula (or on `loadMath()`).
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
