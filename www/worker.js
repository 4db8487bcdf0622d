// Renders off the main thread, so typing never waits for the preview. Messages:
//   { type: 'configure', options }         a new Renderer (site config, templates)
//   { type: 'set', file, text }            one site file changed (hugo.toml or a template)
//   { type: 'render', id, source }         → { type: 'rendered', id, result, ms }
import init, { Renderer, loadHighlighter } from './pkg/web.js';

const ready = init();
let renderer = null;
// The last render request: rendered again when the highlighter module arrives, if that
// render had to show code uncoloured.
let last = null;
let waitingForHighlighter = false;

function renderLast() {
  const started = performance.now();
  const result = renderer.render(last.source);
  reply({ type: 'rendered', id: last.id, result, ms: performance.now() - started });
  if (result.highlightPending && !waitingForHighlighter) {
    waitingForHighlighter = true;
    loadHighlighter().then(
      () => {
        waitingForHighlighter = false;
        if (last !== null && renderer !== null) renderLast();
      },
      () => {
        // Each code block then carries the error; nothing to wait for.
        waitingForHighlighter = false;
      },
    );
  }
}

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
      case 'render':
        last = { id: data.id, source: data.source };
        renderLast();
        break;
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
