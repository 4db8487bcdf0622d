// The demo editor: the post and the site's files in CodeMirror 6 editors on the left, the live
// preview on the right, diagnostics below. The post's editor uses the package's CodeMirror
// extension (hugo-preview/codemirror: rendering on each change, lint marks, shortcode
// completion, a hover with a call's output, scroll sync); rendering runs in a worker
// (worker.js); the preview is patched with morphdom, so unchanged images and iframes stay the
// same nodes and do not reload. Bundled with esbuild (scripts/build-demo.mjs) into
// target/www/app.js, served at /build/app.js: nothing comes from another origin.
import morphdom from 'morphdom';
import { EditorState } from '@codemirror/state';
import { EditorView, drawSelection, highlightActiveLine, keymap, lineNumbers } from '@codemirror/view';
import { defaultKeymap, history, historyKeymap, indentWithTab } from '@codemirror/commands';
import { defaultHighlightStyle, syntaxHighlighting } from '@codemirror/language';
import { markdown } from '@codemirror/lang-markdown';
import { html } from '@codemirror/lang-html';
import { completionKeymap } from '@codemirror/autocomplete';
import { lintGutter, lintKeymap } from '@codemirror/lint';
import { hugoPreview, refreshHugoPreview, showDiagnostics as lintSiteFile, syncPreviewScroll } from '../pkg/codemirror.js';

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
let requestId = 0;
const waiting = new Map(); // request id → { resolve, reject }
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
  FILES.forEach((file, i) => initial.set(file.name, texts[i]));
  worker = new Worker('worker.js', { type: 'module' });
  worker.onmessage = ({ data }) => onWorkerMessage(data);
  worker.onerror = (event) => setStatus(`worker failed: ${event.message}`);
  worker.postMessage({ type: 'configure', options: { siteConfig: text('hugo.toml'), shortcodes: templates() } });
  FILES.forEach((file, i) => addFile(file, texts[i]));
  activate(POST);

  $('tab-preview').addEventListener('click', () => showOutput('preview'));
  $('tab-front-matter').addEventListener('click', () => showOutput('front-matter'));
}

const initial = new Map();
const text = (name) => editors.get(name)?.state.doc.toString() ?? initial.get(name);

/** The site's shortcode templates, name → source, as the editors have them now. */
function templates() {
  return Object.fromEntries(
    FILES.filter((f) => f.name.startsWith('shortcodes/')).map((f) => [
      f.name.replace(/^shortcodes\//, '').replace(/\.html$/, ''),
      text(f.name),
    ]),
  );
}

/** A request to the worker, answered by the reply with its id. */
function ask(type, source) {
  const id = ++requestId;
  return new Promise((resolve, reject) => {
    waiting.set(id, { resolve, reject });
    worker.postMessage({ type, id, source });
  });
}

function onWorkerMessage(data) {
  if (data.type === 'ready') return;
  if (data.type === 'loaded') {
    // The last render's code can be coloured, its formulas rendered, now.
    refreshHugoPreview(editors.get(POST));
    return;
  }
  const request = waiting.get(data.id);
  waiting.delete(data.id);
  if (data.type === 'failed') {
    setStatus(`render failed: ${data.message}`);
    request?.reject(new Error(data.message));
    return;
  }
  if (data.type === 'rendered') lastMs = data.ms;
  request?.resolve(data.result);
}

let lastMs = 0;

function addFile({ name, label }, initialText) {
  initial.set(name, initialText);
  const host = document.createElement('div');
  host.className = 'cm-host';
  $('editors').append(host);
  const common = [
    lineNumbers(),
    lintGutter(),
    history(),
    drawSelection(),
    highlightActiveLine(),
    syntaxHighlighting(defaultHighlightStyle, { fallback: true }),
    keymap.of([...defaultKeymap, ...historyKeymap, ...completionKeymap, ...lintKeymap, indentWithTab]),
    EditorView.contentAttributes.of({ 'aria-label': label }),
  ];
  const extensions =
    name === POST
      ? [
          ...common,
          // Raw HTML is highlighted but neither completed nor closed as it is typed: the
          // completions offered here are the site's shortcodes.
          markdown({ completeHTMLTags: false, htmlTagLanguage: html({ autoCloseTags: false, matchClosingTags: false }) }),
          hugoPreview({
            render: (source) => ask('render', source),
            parse: (source) => ask('parse', source),
            renderCall: (source) => ask('renderCall', source),
            shortcodes: templates,
            onResult: (result) => show(result, lastMs),
          }),
        ]
      : [
          ...common,
          EditorView.updateListener.of((update) => {
            if (!update.docChanged) return;
            worker.postMessage({ type: 'set', file: name, text: update.state.doc.toString() });
            refreshHugoPreview(editors.get(POST));
          }),
        ];
  const view = new EditorView({ parent: host, state: EditorState.create({ doc: initialText, extensions }) });
  editors.set(name, view);
  if (name === POST) syncPreviewScroll(view, $('preview-scroll'));
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
  for (const [file, view] of editors) {
    view.dom.parentElement.hidden = file !== name;
    tabs.get(file).setAttribute('aria-selected', String(file === name));
    if (file === name) view.requestMeasure();
  }
}

function showOutput(which) {
  $('preview-scroll').hidden = which !== 'preview';
  $('front-matter').hidden = which !== 'front-matter';
  $('tab-preview').setAttribute('aria-selected', String(which === 'preview'));
  $('tab-front-matter').setAttribute('aria-selected', String(which === 'front-matter'));
}

function setStatus(message) {
  $('status').textContent = message;
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
    // The post's editor lints itself (hugoPreview); the site's files get their part here.
    if (name !== POST) lintSiteFile(editors.get(name), { diagnostics }, { file: name });
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
  const view = editors.get(file);
  const length = view.state.doc.length;
  view.dispatch({ selection: { anchor: Math.min(d.start, length), head: Math.min(d.end, length) }, scrollIntoView: true });
  view.focus();
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
    /** A file's text as its editor has it. */
    text,
    /** The CodeMirror view of a file. */
    view: (name) => editors.get(name),
  }),
});

main().catch((error) => setStatus(`could not start: ${error.message}`));
