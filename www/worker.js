// Renders off the main thread, so typing never waits for the preview. Messages:
//   { type: 'configure', options }         a new Renderer (site config, templates)
//   { type: 'set', file, text }            one site file changed (hugo.toml or a template)
//   { type: 'render', id, source }         → { type: 'rendered', id, result, ms }
//   { type: 'parse', id, source }          → { type: 'parsed', id, result }  (the hover)
//   { type: 'renderCall', id, source }     → { type: 'renderedCall', id, result }  (the hover)
// When a render had code to colour, a formula or a QR code and the module it waited for has
// since loaded, the worker says { type: 'loaded' }: the page renders again.
import init, { Renderer, loadHighlighter, loadMath, loadQr } from './pkg/web.js';

const ready = init();
let renderer = null;
let waitingForModules = false;

function reply(message) {
  self.postMessage(message);
}

function render(id, source) {
  const started = performance.now();
  const result = renderer.render(source);
  reply({ type: 'rendered', id, result, ms: performance.now() - started });
  if ((result.highlightPending || result.mathPending || result.qrPending) && !waitingForModules) {
    waitingForModules = true;
    const loads = [];
    if (result.highlightPending) loads.push(loadHighlighter());
    if (result.mathPending) loads.push(loadMath());
    if (result.qrPending) loads.push(loadQr());
    // A module that failed is reported on each block or formula: rendering again shows it.
    Promise.allSettled(loads).then(() => {
      waitingForModules = false;
      reply({ type: 'loaded' });
    });
  }
}

self.onmessage = async ({ data }) => {
  await ready;
  try {
    switch (data.type) {
      case 'configure':
        renderer?.free();
        renderer = new Renderer({ ...data.options, sourceLines: true });
        break;
      case 'set':
        if (data.file === 'hugo.toml') {
          renderer.setSiteConfig(data.text);
        } else {
          const name = data.file.replace(/^shortcodes\//, '').replace(/\.html$/, '');
          renderer.setShortcode(name, data.text);
        }
        break;
      case 'render':
        render(data.id, data.source);
        break;
      case 'parse':
        reply({ type: 'parsed', id: data.id, result: renderer.parse(data.source) });
        break;
      case 'renderCall':
        reply({ type: 'renderedCall', id: data.id, result: renderer.render(data.source) });
        break;
      default:
        throw new Error(`unknown message ${data.type}`);
    }
  } catch (error) {
    // A crash (HugoPreviewCrash) fails one request; the next one runs on a fresh instance.
    reply({ type: 'failed', id: data.id, message: String(error?.message ?? error) });
  }
};

ready.then(
  () => reply({ type: 'ready' }),
  (error) => reply({ type: 'failed', message: `could not load the WebAssembly module: ${error}` }),
);
