// Browsers without a bundler (`--target web`): `await init()` once, then render.
import initGlue, * as glue from './web/hugo_preview.js';
import { createApi, HugoPreviewCrash } from './core.js';

let loading = null;
let loaded = false;

/**
 * Loads and instantiates the module (once; later calls return the same promise). `input`:
 * where the .wasm is (URL, Response, bytes or a compiled WebAssembly.Module); by default
 * web/hugo_preview_bg.wasm next to this file.
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
export const { render, parse, Renderer, version, memoryBytes, __trapForTests } = createApi(
  glue,
  () => loaded,
  'hugo-preview: call `await init()` before rendering (the web build loads its .wasm asynchronously)',
);
