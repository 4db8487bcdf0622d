// Node (`--target nodejs`): the module is instantiated on import; init() is there so that
// code written for the web build runs unchanged.
import { createRequire } from 'node:module';
import { createApi, HugoPreviewCrash } from './core.js';

const glue = createRequire(import.meta.url)('./node/hugo_preview.js');

export default async function init() {}
export function initSync() {}
export { HugoPreviewCrash };
export const { render, parse, Renderer, version, memoryBytes, __trapForTests } = createApi(
  glue,
  () => true,
  '',
);
