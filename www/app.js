// The demo editor: the post and the site's files on the left, the live preview on the right,
// diagnostics below. Rendering runs in a worker (worker.js); the preview is patched with
// morphdom, so unchanged images and iframes stay the same nodes and do not reload.
import morphdom from './vendor/morphdom.js';
import { LineEditor } from './editor.js';

const POST = 'facebook-down.md';
const FILES = [
  { name: POST, url: 'sample/facebook-down.md', label: 'The post (Markdown with front matter)' },
  { name: 'hugo.toml', url: 'sample-site/hugo.toml', label: 'The site config' },
  { name: 'shortcodes/image.html', url: 'sample-site/layouts/shortcodes/image.html', label: 'The image shortcode template' },
  { name: 'shortcodes/reflangtitle.html', url: 'sample-site/layouts/shortcodes/reflangtitle.html', label: 'The reflangtitle shortcode template' },
];

const $ = (id) => document.getElementById(id);
const editors = new Map();
const tabs = new Map();
let activeFile = POST;
let worker;
let inflight = false;
let pending = null;
let renderId = 0;
let lastResult = null;
let completed = 0;

async function main() {
  const texts = await Promise.all(
    FILES.map(async ({ url }) => {
      const response = await fetch(url);
      if (!response.ok) throw new Error(`${url}: ${response.status}`);
      return response.text();
    }),
  );
  FILES.forEach((file, i) => addFile(file, texts[i]));
  activate(POST);

  worker = new Worker('worker.js', { type: 'module' });
  worker.onmessage = ({ data }) => onWorkerMessage(data);
  worker.onerror = (event) => setStatus(`worker failed: ${event.message}`);
  worker.postMessage({
    type: 'configure',
    options: {
      siteConfig: editors.get('hugo.toml').value,
      shortcodes: Object.fromEntries(
        FILES.filter((f) => f.name.startsWith('shortcodes/')).map((f) => [
          f.name.replace(/^shortcodes\//, '').replace(/\.html$/, ''),
          editors.get(f.name).value,
        ]),
      ),
    },
  });
  requestRender();

  $('tab-preview').addEventListener('click', () => showOutput('preview'));
  $('tab-front-matter').addEventListener('click', () => showOutput('front-matter'));
  $('preview-scroll').addEventListener('scroll', syncEditorToPreview, { passive: true });
}

function addFile({ name, label }, text) {
  const editor = new LineEditor($('editors'), {
    value: text,
    label,
    onInput: () => {
      if (name !== POST) worker.postMessage({ type: 'set', file: name, text: editor.value });
      requestRender();
    },
    onScroll: name === POST ? syncPreviewToEditor : undefined,
  });
  editors.set(name, editor);
  const tab = document.createElement('button');
  tab.setAttribute('role', 'tab');
  tab.dataset.file = name;
  tab.textContent = name;
  tab.addEventListener('click', () => activate(name));
  $('file-tabs').append(tab);
  tabs.set(name, tab);
}

function activate(name) {
  activeFile = name;
  for (const [file, editor] of editors) {
    editor.show(file === name);
    tabs.get(file).setAttribute('aria-selected', String(file === name));
  }
}

function showOutput(which) {
  $('preview-scroll').hidden = which !== 'preview';
  $('front-matter').hidden = which !== 'front-matter';
  $('tab-preview').setAttribute('aria-selected', String(which === 'preview'));
  $('tab-front-matter').setAttribute('aria-selected', String(which === 'front-matter'));
}

/** Renders the latest source; while a render runs, only the newest request waits. */
function requestRender() {
  pending = editors.get(POST).value;
  pump();
}

function pump() {
  if (inflight || pending === null || !worker) return;
  inflight = true;
  worker.postMessage({ type: 'render', id: ++renderId, source: pending });
  pending = null;
}

function onWorkerMessage(data) {
  if (data.type === 'ready') return;
  inflight = false;
  if (data.type === 'rendered') {
    show(data.result, data.ms);
  } else if (data.type === 'failed') {
    setStatus(`render failed: ${data.message}`);
  }
  pump();
}

function setStatus(text) {
  $('status').textContent = text;
}

// Remote images are shown as placeholders: nothing in the preview calls a third party.
function placeholder(src) {
  const name = decodeURIComponent(src.split(/[?#]/)[0].split('/').pop() || src).slice(0, 60);
  const safe = name.replace(/[<>&"']/g, '');
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="640" height="240" viewBox="0 0 640 240"><rect width="640" height="240" fill="#eef2f6"/><text x="320" y="112" font-family="system-ui,sans-serif" font-size="18" fill="#59636e" text-anchor="middle">remote image, not loaded</text><text x="320" y="142" font-family="ui-monospace,monospace" font-size="14" fill="#8c959f" text-anchor="middle">${safe}</text></svg>`;
  return `data:image/svg+xml,${encodeURIComponent(svg)}`;
}

function show(result, ms) {
  lastResult = result;
  completed += 1;
  // Parse inertly (a template's content loads nothing), keep remote images from loading,
  // then patch the live preview.
  const template = document.createElement('template');
  template.innerHTML = result.pageHtml;
  let remote = 0;
  for (const img of template.content.querySelectorAll('img[src]')) {
    const src = img.getAttribute('src');
    if (/^(https?:)?\/\//i.test(src) && !src.startsWith(location.origin)) {
      img.setAttribute('data-remote-src', src);
      img.setAttribute('src', placeholder(src));
      img.classList.add('remote-image');
      img.removeAttribute('srcset');
      remote += 1;
    }
  }
  const next = document.createElement('div');
  next.id = 'preview';
  next.append(template.content);
  morphdom($('preview'), next);

  const words = result.wordCount.toLocaleString('en');
  const remoteNote = remote ? ` · ${remote} remote image${remote === 1 ? '' : 's'} not loaded` : '';
  setStatus(`${ms.toFixed(1)} ms · ${words} words · ${result.readingTime} min read${remoteNote}`);
  showDiagnostics(result.diagnostics);
  showFrontMatter(result.frontMatter, result.frontMatterFormat);
}

function showDiagnostics(diagnostics) {
  const list = $('diagnostics');
  list.replaceChildren();
  const byFile = new Map([...editors.keys()].map((name) => [name, []]));
  for (const d of diagnostics) {
    const file = d.file ?? POST;
    byFile.get(file)?.push(d);
    const item = document.createElement('li');
    const button = document.createElement('button');
    button.type = 'button';
    const where = document.createElement('span');
    where.className = 'where';
    where.textContent = `${d.file ? `${d.file}:` : ''}${d.line}:${d.column}`;
    const severity = document.createElement('span');
    severity.className = `severity ${d.severity}`;
    severity.textContent = d.severity;
    const message = document.createElement('span');
    message.className = 'message';
    message.textContent = d.message;
    button.append(where, severity, message);
    button.addEventListener('click', () => reveal(d));
    item.append(button);
    list.append(item);
  }
  if (diagnostics.length === 0) {
    const item = document.createElement('li');
    item.className = 'empty';
    item.textContent = 'No problems.';
    list.append(item);
  }
  const errors = diagnostics.filter((d) => d.severity === 'error').length;
  $('diagnostics-title').textContent = `Diagnostics (${diagnostics.length}${errors ? `, ${errors} error${errors === 1 ? '' : 's'}` : ''})`;
  for (const [name, found] of byFile) {
    editors.get(name).setMarkers(found);
    const tab = tabs.get(name);
    tab.querySelector('.badge')?.remove();
    const count = found.filter((d) => d.severity === 'error').length;
    if (count) {
      const badge = document.createElement('span');
      badge.className = 'badge';
      badge.textContent = String(count);
      badge.title = `${count} error${count === 1 ? '' : 's'}`;
      tab.append(badge);
    }
  }
}

/** Selects a diagnostic's place in the file it is in. */
function reveal(d) {
  const file = d.file && editors.has(d.file) ? d.file : POST;
  activate(file);
  editors.get(file).select(d.start, d.end);
}

function showFrontMatter(frontMatter, format) {
  const host = $('front-matter');
  host.replaceChildren();
  const caption = document.createElement('p');
  caption.textContent = frontMatter ? `Front matter (${format})` : 'This post has no front matter.';
  host.append(caption);
  if (!frontMatter) return;
  const table = document.createElement('table');
  for (const [key, value] of Object.entries(frontMatter)) {
    const row = table.insertRow();
    const th = document.createElement('th');
    th.scope = 'row';
    th.textContent = key;
    const td = row.insertCell();
    row.prepend(th);
    if (value !== null && typeof value === 'object') {
      const code = document.createElement('code');
      code.textContent = JSON.stringify(value, null, 2);
      td.append(code);
    } else {
      td.textContent = String(value);
    }
  }
  host.append(table);
}

// Scroll sync: blocks carry data-source-line (the sourceLines option), so a line maps to a
// place in the preview and back. The scroll event of a position set here is not echoed
// back: each side remembers the position it was given.
let editorTopSet = null;
let previewTopSet = null;

function echoed(element, expected) {
  return expected !== null && Math.abs(element.scrollTop - expected) <= 1;
}

/** Blocks with a source line, in document order, keeping lines non-decreasing (footnotes
 * are written at the end whatever their line, so they are left out where out of order). */
function blocks() {
  const kept = [];
  let last = 0;
  for (const el of $('preview').querySelectorAll('[data-source-line]')) {
    const line = Number(el.dataset.sourceLine);
    if (line >= last) {
      kept.push(el);
      last = line;
    }
  }
  return kept;
}

function offsetIn(scroller, element) {
  return element.getBoundingClientRect().top - scroller.getBoundingClientRect().top + scroller.scrollTop;
}

function syncPreviewToEditor() {
  const editor = editors.get(POST);
  if (echoed(editor.textarea, editorTopSet) || activeFile !== POST) {
    editorTopSet = null;
    return;
  }
  editorTopSet = null;
  const scroller = $('preview-scroll');
  const line = editor.textarea.scrollTop / editor.lineHeight + 1;
  const list = blocks();
  if (list.length === 0) return;
  let i = list.findLastIndex((el) => Number(el.dataset.sourceLine) <= line);
  if (i < 0) i = 0;
  const here = list[i];
  const next = list[i + 1];
  const l0 = Number(here.dataset.sourceLine);
  let y = offsetIn(scroller, here);
  if (next && Number(next.dataset.sourceLine) > l0) {
    const fraction = Math.min(1, (line - l0) / (Number(next.dataset.sourceLine) - l0));
    y += fraction * (offsetIn(scroller, next) - y);
  }
  if (editor.textarea.scrollTop === 0) y = 0;
  scroller.scrollTop = y;
  previewTopSet = scroller.scrollTop;
}

function syncEditorToPreview() {
  const editor = editors.get(POST);
  const scroller = $('preview-scroll');
  if (echoed(scroller, previewTopSet) || activeFile !== POST) {
    previewTopSet = null;
    return;
  }
  previewTopSet = null;
  const list = blocks();
  const top = scroller.scrollTop;
  const i = list.findIndex((el) => offsetIn(scroller, el) + el.offsetHeight > top);
  if (i < 0) return;
  const here = list[i];
  const next = list[i + 1];
  let line = Number(here.dataset.sourceLine);
  const y0 = offsetIn(scroller, here);
  if (next && top > y0) {
    const y1 = offsetIn(scroller, next);
    const l1 = Number(next.dataset.sourceLine);
    if (y1 > y0 && l1 > line) line += ((top - y0) / (y1 - y0)) * (l1 - line);
  }
  editor.textarea.scrollTop = top === 0 ? 0 : (line - 1) * editor.lineHeight;
  editorTopSet = editor.textarea.scrollTop;
}

// For tests and the curious: the latest result.
Object.defineProperty(window, 'hugoPreviewDemo', {
  value: Object.freeze({
    get result() {
      return lastResult;
    },
    /** Renders shown so far. */
    get completed() {
      return completed;
    },
  }),
});

main().catch((error) => setStatus(`could not start: ${error.message}`));
