// Renders off the main thread, so typing never waits for the preview. Messages:
//   { type: 'configure', options }         a new Renderer (site config, templates)
//   { type: 'set', file, text }            one site file changed (hugo.toml or a template)
//   { type: 'render', id, source }         → { type: 'rendered', id, result, ms }
import init, { Renderer } from './pkg/web.js';

const ready = init();
let renderer = null;

function reply(message) {
  self.postMessage(message);
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
      case 'render': {
        const started = performance.now();
        const result = renderer.render(data.source);
        reply({ type: 'rendered', id: data.id, result, ms: performance.now() - started });
        break;
      }
      default:
        throw new Error(`unknown message ${data.type}`);
    }
  } catch (error) {
    // A crash (HugoPreviewCrash) fails one render; the next one runs on a fresh instance.
    reply({ type: 'failed', id: data.id, message: String(error?.message ?? error) });
  }
};

ready.then(
  () => reply({ type: 'ready' }),
  (error) => reply({ type: 'failed', message: `could not load the WebAssembly module: ${error}` }),
);
