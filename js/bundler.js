// Bundlers that load WebAssembly as ES modules (`--target bundler`, e.g. webpack with
// asyncWebAssembly): the module is instantiated on import.
import * as glue from './bundler/hugo_preview.js';
import { createApi, HugoPreviewCrash } from './core.js';

export default async function init() {}
export function initSync() {}
export { HugoPreviewCrash };
export const { render, parse, Renderer, version, memoryBytes, __trapForTests } = createApi(
  glue,
  () => true,
  '',
);
