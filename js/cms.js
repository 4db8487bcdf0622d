// `hugo-preview/cms`: a live preview for Decap CMS and Sveltia CMS, which share the
// registration API (`registerPreviewTemplate`, `registerPreviewStyle`). One call registers a
// preview template per collection: on every edit it writes the entry as Hugo would read the
// file (front matter from the fields, then the body), renders it with the site's own templates,
// config, data and translations, and paints the result and its diagnostics into the preview
// pane. The site is one Renderer, made once and kept across entries and keystrokes.
//
// The CMS renders preview templates with its React; this module has none of its own. It makes
// its component with the CMS's `createElement` (`h`): Sveltia CMS and the `decap-cms` bundle
// put it on `window.h`; with `decap-cms-app` (React as a peer dependency) pass
// `h: React.createElement`. The component only returns an empty element and paints into it
// from a callback ref, so it uses no hooks, and React never diffs the preview's HTML.
//
// What is painted is the renderer's output, sanitized by it (ammonia); diagnostics are written
// with textContent. Nothing here inserts other HTML.
import init, { Renderer, loadHighlighter, loadMath, loadQr } from './web.js';

/** Where `site.url` mode finds the list of the site's files, relative to `site.url`. */
export const DEFAULT_MANIFEST = 'hugo-preview.json';

// Browsers open six HTTP/1.1 connections per host: more requests at once only queue.
const FETCH_CONCURRENCY = 6;

// Entry data nested deeper than this is refused, not written: a CMS's fields do not nest that
// far, and the writers below recurse, so a hostile file loaded by the CMS cannot exhaust the
// stack through them. (The renderer's own front matter limit is lower still.)
const MAX_FRONT_MATTER_DEPTH = 100;

/**
 * Styles for the pane's own parts: the diagnostics list (room kept on its right for the buttons
 * Decap floats over the pane's corner) and the renderer's error boxes.
 */
export const previewCss = `
.hugo-preview-cms-diagnostics { margin: .5rem 3.5rem 1rem .5rem; padding: .5rem .75rem; border: 1px solid #d0d7de; border-radius: 6px; background: #f6f8fa; color: #1f2328; font: 13px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; }
.hugo-preview-cms-diagnostics[hidden] { display: none; }
.hugo-preview-cms-status { margin: 0; }
.hugo-preview-cms-status:empty { display: none; }
.hugo-preview-cms-list { margin: 0; padding-left: 1.25rem; }
.hugo-preview-cms-list:empty { display: none; }
.hugo-preview-cms-severity { font-weight: 600; margin-right: .4rem; }
.hugo-preview-cms-diagnostic[data-severity="error"] .hugo-preview-cms-severity { color: #cf222e; }
.hugo-preview-cms-diagnostic[data-severity="warning"] .hugo-preview-cms-severity { color: #9a6700; }
.hugo-preview-cms-diagnostic[data-severity="info"] .hugo-preview-cms-severity { color: #0969da; }
.hugo-preview-cms-where { margin-right: .4rem; font-family: ui-monospace, Menlo, Consolas, monospace; color: #59636e; }
.hugo-preview-error { display: inline-block; max-width: 100%; margin: .25rem 0; padding: .35rem .6rem; border: 1px solid #e5484d; border-left-width: 4px; border-radius: 4px; background: #fff5f5; color: #8c1d22; font: .85rem/1.4 system-ui, sans-serif; }
`;

// ---------------------------------------------------------------------------------------------
// The entry as a Hugo content file.

/**
 * The front matter format a collection's files use: `toml`, `yaml` or `json`. Decap's and
 * Sveltia's `format` names (`toml-frontmatter`, `yaml-frontmatter`, `json-frontmatter`);
 * `frontmatter` (the default) is read from the file as it was loaded (`raw`), else YAML, as
 * both CMSes write new files.
 */
export function frontMatterFormat(format, raw = '') {
  switch (format) {
    case 'toml-frontmatter':
      return 'toml';
    case 'json-frontmatter':
      return 'json';
    case 'yaml-frontmatter':
      return 'yaml';
    default: {
      const first = String(raw ?? '').trimStart();
      if (first.startsWith('+++')) return 'toml';
      if (first.startsWith('{')) return 'json';
      return 'yaml';
    }
  }
}

/** Text with lone surrogate halves replaced (no front matter format can write them). */
const wellFormed = (text) =>
  typeof text.toWellFormed === 'function'
    ? text.toWellFormed()
    : text.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd');

// A JSON string is a valid YAML double-quoted scalar and a valid TOML basic string, except
// that TOML wants DEL escaped.
const quoted = (text) => JSON.stringify(wellFormed(text));

function tooDeep() {
  return new RangeError(`hugo-preview: the entry's data is nested deeper than ${MAX_FRONT_MATTER_DEPTH} levels`);
}

const isDate = (value) => Object.prototype.toString.call(value) === '[object Date]';

/** One value in YAML flow style (JSON is valid YAML); dates as YAML timestamps. */
function yamlValue(value, depth) {
  if (depth > MAX_FRONT_MATTER_DEPTH) throw tooDeep();
  if (value === null || value === undefined) return 'null';
  if (isDate(value)) return Number.isNaN(value.getTime()) ? 'null' : value.toISOString();
  switch (typeof value) {
    case 'string':
      return quoted(value);
    case 'number':
      if (Number.isFinite(value)) return String(value);
      return Number.isNaN(value) ? '.nan' : value > 0 ? '.inf' : '-.inf';
    case 'boolean':
    case 'bigint':
      return String(value);
    case 'object':
      if (Array.isArray(value)) return `[${value.map((v) => yamlValue(v, depth + 1)).join(', ')}]`;
      return `{${Object.entries(value)
        .filter(([, v]) => v !== undefined)
        .map(([k, v]) => `${quoted(k)}: ${yamlValue(v, depth + 1)}`)
        .join(', ')}}`;
    default:
      return 'null';
  }
}

/** One value in TOML (inline arrays and tables); TOML has no null, so nulls are left out. */
function tomlValue(value, depth) {
  if (depth > MAX_FRONT_MATTER_DEPTH) throw tooDeep();
  if (isDate(value)) return Number.isNaN(value.getTime()) ? '""' : value.toISOString();
  switch (typeof value) {
    case 'string':
      return quoted(value).replace(/\u007f/g, '\\u007F');
    case 'number':
      if (Number.isFinite(value)) return String(value);
      return Number.isNaN(value) ? 'nan' : value > 0 ? 'inf' : '-inf';
    case 'boolean':
    case 'bigint':
      return String(value);
    case 'object': {
      if (Array.isArray(value)) {
        return `[${value.filter((v) => v != null).map((v) => tomlValue(v, depth + 1)).join(', ')}]`;
      }
      const pairs = Object.entries(value)
        .filter(([, v]) => v != null)
        .map(([k, v]) => `${tomlKey(k)} = ${tomlValue(v, depth + 1)}`);
      return pairs.length ? `{ ${pairs.join(', ')} }` : '{}';
    }
    default:
      return '""';
  }
}

const tomlKey = (key) => (/^[A-Za-z0-9_-]+$/.test(key) ? key : quoted(key).replace(/\u007f/g, '\\u007F'));
const yamlKey = (key) => (/^[A-Za-z_][A-Za-z0-9_-]*$/.test(key) ? key : quoted(key));

/**
 * The content file for entry data (a plain object): the fields but `body` as front matter in
 * `format` (`yaml`, `toml` or `json`), then the body, as Decap and Sveltia write it. Returns the
 * text and `bodyLine`, the 1-based line of the text where the body starts.
 */
export function entryToSource(data, format = 'yaml') {
  const { body = '', ...fields } = data ?? {};
  const text = typeof body === 'string' ? body : String(body ?? '');
  let head;
  if (format === 'json') {
    head = `${JSON.stringify(fields, (key, value) => (typeof value === 'string' ? wellFormed(value) : value), 2)}\n`;
  } else if (format === 'toml') {
    const lines = Object.entries(fields)
      .filter(([, v]) => v != null)
      .map(([k, v]) => `${tomlKey(k)} = ${tomlValue(v, 1)}\n`);
    head = `+++\n${lines.join('')}+++\n`;
  } else {
    const lines = Object.entries(fields)
      .filter(([, v]) => v !== undefined)
      .map(([k, v]) => `${yamlKey(k)}: ${yamlValue(v, 1)}\n`);
    head = `---\n${lines.join('')}---\n`;
  }
  return { source: head + text, bodyLine: head.split('\n').length };
}

/**
 * The page's path as the renderer names it, below the content folder: `content/posts/a.md` →
 * `posts/a.md`. A path outside `contentDir` is kept whole.
 */
export function contentPath(path, contentDir = 'content') {
  const clean = String(path ?? '').replace(/^\/+/, '');
  const prefix = `${String(contentDir).replace(/^\/+|\/+$/g, '')}/`;
  return prefix !== '/' && clean.startsWith(prefix) ? clean.slice(prefix.length) : clean;
}

/** A value of an Immutable Map (Decap 3 uses Immutable 4, Sveltia 5) or of a plain object. */
function field(map, key) {
  if (map === null || map === undefined) return undefined;
  return typeof map.get === 'function' ? map.get(key) : map[key];
}

const plain = (value) => (value && typeof value.toJS === 'function' ? value.toJS() : value);

/**
 * What to render for a preview's props: the file's text, its path below the content folder,
 * and where the body starts. `collection` is the collection as registered (its name or its
 * configuration); the CMS's own collection prop (Decap gives one) is read first.
 */
export function entryFile(props, collection = {}, { contentDir = 'content' } = {}) {
  const entry = props?.entry;
  const given = typeof collection === 'string' ? { name: collection } : collection ?? {};
  const setting = (key) => field(props?.collection, key) ?? given[key];
  const format = frontMatterFormat(setting('format'), field(entry, 'raw'));
  const { source, bodyLine } = entryToSource(plain(field(entry, 'data')) ?? {}, format);
  let path = field(entry, 'path');
  if (!path) {
    // A new entry has no file yet: where the CMS will write it.
    const folder = setting('folder') ?? '';
    const slug = field(entry, 'slug') || 'untitled';
    path = `${folder ? `${folder.replace(/\/+$/, '')}/` : ''}${slug}.${setting('extension') ?? 'md'}`;
  }
  return { source, path: contentPath(path, contentDir), bodyLine };
}

// ---------------------------------------------------------------------------------------------
// The site.

/** Whether `path` may name a site file: relative, no `.` or `..` segment, no empty segment. */
function isSitePath(path) {
  if (typeof path !== 'string' || path === '' || path.includes('\\')) return false;
  return path.split('/').every((segment) => segment !== '' && segment !== '.' && segment !== '..');
}

/** The site's text files and images, loaded: `{ files, binaryFiles, problems }`. */
export async function loadSite(site, { fetch: fetchImpl = globalThis.fetch?.bind(globalThis) } = {}) {
  if (site === null || typeof site !== 'object') {
    throw new TypeError('hugo-preview/cms: `site` must be { files } or { url, manifest? }');
  }
  if (site.files !== undefined) {
    if (site.files === null || typeof site.files !== 'object') {
      throw new TypeError('hugo-preview/cms: `site.files` must map paths to texts');
    }
    return { files: { ...site.files }, binaryFiles: { ...(site.binaryFiles ?? {}) }, problems: [] };
  }
  if (typeof site.url !== 'string' && !(site.url instanceof URL)) {
    throw new TypeError('hugo-preview/cms: `site` needs `files` (paths to texts) or `url` (where the site is served)');
  }
  const here = globalThis.document?.baseURI ?? globalThis.location?.href;
  const base = new URL(String(site.url).replace(/\/*$/, '/'), here);
  let manifest = site.manifest ?? DEFAULT_MANIFEST;
  if (typeof manifest === 'string' || manifest instanceof URL) {
    const url = new URL(manifest, base);
    const response = await fetchImpl(url);
    if (!response.ok) throw new Error(`hugo-preview/cms: the site's manifest ${url}: HTTP ${response.status}`);
    manifest = await response.json();
  }
  const paths = Array.isArray(manifest) ? manifest : manifest?.files;
  if (!Array.isArray(paths)) {
    throw new TypeError('hugo-preview/cms: the manifest must be a list of paths or { files: [paths], binaryFiles? }');
  }
  const problems = [];
  const urlOf = (path) => new URL(path.split('/').map(encodeURIComponent).join('/'), base);
  const files = {};
  const queue = [];
  for (const path of paths) {
    if (isSitePath(path)) queue.push(path);
    else problems.push(`the manifest names ${JSON.stringify(path)}, which is not a relative path in the site: left out`);
  }
  const worker = async () => {
    while (queue.length) {
      const path = queue.shift();
      try {
        const response = await fetchImpl(urlOf(path));
        if (response.ok) files[path] = await response.text();
        else problems.push(`${path}: HTTP ${response.status}`);
      } catch (error) {
        problems.push(`${path}: ${error?.message ?? error}`);
      }
    }
  };
  await Promise.all(Array.from({ length: FETCH_CONCURRENCY }, worker));
  const binaryFiles = {};
  for (const [path, size] of Object.entries(manifest.binaryFiles ?? {})) {
    if (!isSitePath(path)) continue;
    binaryFiles[path] = { url: size?.url ?? urlOf(path).href, width: size?.width ?? undefined, height: size?.height ?? undefined };
  }
  return { files, binaryFiles, problems };
}

// ---------------------------------------------------------------------------------------------
// The pane.

/**
 * Makes `target`'s children those of `html`, changing only what differs, so that images and
 * other media that did not change stay the same nodes and are not loaded again. Nodes are
 * matched by position and kind (an element by its tag). `html` must be sanitized HTML: it is
 * parsed in an inert template and its nodes moved in.
 */
export function patchHtml(target, html) {
  const template = target.ownerDocument.createElement('template');
  template.innerHTML = html;
  // An explicit stack: the depth is the HTML's (the sanitizer bounds it), not the call stack's.
  const stack = [[target, template.content]];
  while (stack.length) {
    const [live, next] = stack.pop();
    let old = live.firstChild;
    let fresh = next.firstChild;
    while (fresh) {
      const following = fresh.nextSibling;
      if (old && old.nodeType === fresh.nodeType && old.nodeName === fresh.nodeName) {
        if (old.nodeType === 1) {
          syncAttributes(old, fresh);
          stack.push([old, fresh]);
        } else if (old.nodeValue !== fresh.nodeValue) {
          old.nodeValue = fresh.nodeValue;
        }
        old = old.nextSibling;
      } else {
        live.insertBefore(fresh, old);
      }
      fresh = following;
    }
    while (old) {
      const following = old.nextSibling;
      live.removeChild(old);
      old = following;
    }
  }
}

function syncAttributes(old, fresh) {
  for (const { name } of [...old.attributes]) {
    if (!fresh.hasAttribute(name)) old.removeAttribute(name);
  }
  for (const { name, value } of fresh.attributes) {
    if (old.getAttribute(name) !== value) old.setAttribute(name, value);
  }
}

/**
 * Where a diagnostic is, as the writer sees the entry: in the body (`body, line 3`: the body
 * field's own lines), in the front matter (the fields), or in a site file (`hugo.toml:4`).
 */
export function diagnosticPlace(diagnostic, bodyLine) {
  if (diagnostic.file) return `${diagnostic.file}:${diagnostic.line}`;
  if (diagnostic.line >= bodyLine) return `body, line ${diagnostic.line - bodyLine + 1}`;
  return 'front matter';
}

/** The pane's parts inside the element the template renders, made on first use. */
function paneOf(root) {
  let pane = panes.get(root);
  if (pane) return pane;
  const doc = root.ownerDocument;
  const make = (tag, className) => {
    const element = doc.createElement(tag);
    element.className = className;
    return element;
  };
  const box = make('section', 'hugo-preview-cms-diagnostics');
  box.setAttribute('aria-label', 'Diagnostics');
  box.hidden = true;
  const status = make('p', 'hugo-preview-cms-status');
  status.setAttribute('role', 'status');
  const list = make('ol', 'hugo-preview-cms-list');
  box.append(status, list);
  const output = make('div', 'hugo-preview-cms-output');
  root.replaceChildren(box, output);
  pane = { box, status, list, output, file: null, shown: null };
  panes.set(root, pane);
  return pane;
}

const panes = new WeakMap();

function showStatus(pane, message) {
  pane.status.textContent = message;
  pane.box.hidden = !message && pane.list.childElementCount === 0;
}

function showDiagnostics(pane, diagnostics, bodyLine) {
  const doc = pane.list.ownerDocument;
  const items = diagnostics.map((d) => {
    const item = doc.createElement('li');
    item.className = 'hugo-preview-cms-diagnostic';
    item.dataset.severity = d.severity;
    const severity = doc.createElement('span');
    severity.className = 'hugo-preview-cms-severity';
    severity.textContent = d.severity;
    const where = doc.createElement('span');
    where.className = 'hugo-preview-cms-where';
    where.textContent = diagnosticPlace(d, bodyLine);
    const message = doc.createElement('span');
    message.className = 'hugo-preview-cms-message';
    message.textContent = d.message;
    item.append(severity, where, message);
    return item;
  });
  pane.list.replaceChildren(...items);
  pane.box.hidden = items.length === 0 && !pane.status.textContent;
}

// ---------------------------------------------------------------------------------------------
// Registration.

/**
 * Registers a Hugo preview for each collection with `CMS` (Decap's or Sveltia's `CMS`
 * object). See cms.d.ts for the options. Returns `{ ready, refresh }`: `ready` resolves to the
 * site's Renderer once the module and the site are loaded (to register JavaScript shortcodes
 * or `setFile` on it; call `refresh()` after), and rejects if they cannot be.
 */
export function registerHugoPreview(CMS, options = {}) {
  if (!CMS || typeof CMS.registerPreviewTemplate !== 'function') {
    throw new TypeError('hugo-preview/cms: the first argument must be the CMS object (it has registerPreviewTemplate)');
  }
  const {
    collections,
    site,
    h = CMS.h ?? globalThis.h,
    styles = [],
    css = true,
    output = 'page',
    contentDir = 'content',
    wasm,
    highlighter,
    rendererOptions = {},
    onResult,
  } = options;
  if (!Array.isArray(collections) || collections.length === 0) {
    throw new TypeError('hugo-preview/cms: `collections` must list the collections to preview (names or collection settings)');
  }
  if (typeof h !== 'function') {
    throw new TypeError(
      'hugo-preview/cms: no createElement: pass `h: React.createElement` (decap-cms-app leaves React to you; Sveltia CMS and the decap-cms bundle set window.h)',
    );
  }
  if (output !== 'page' && output !== 'content') {
    throw new TypeError("hugo-preview/cms: `output` must be 'page' (the article: title, TOC, content) or 'content'");
  }
  if (site === null || typeof site !== 'object') {
    throw new TypeError('hugo-preview/cms: `site` must be { files } or { url, manifest? }');
  }

  let renderer = null;
  let failure = null;
  let siteProblems = [];
  const roots = new Set();
  const waitingForModules = new WeakSet();

  function paint(root) {
    const pane = paneOf(root);
    if (failure) {
      showStatus(pane, failure);
      return;
    }
    if (!renderer) {
      showStatus(pane, 'Loading the site…');
      return;
    }
    const { source, path, bodyLine } = pane.file;
    // The CMS renders the template again for changes that leave the file as it was.
    if (pane.shown?.source === source && pane.shown?.path === path) return;
    const started = performance.now();
    const result = renderer.render(source, { path });
    patchHtml(pane.output, output === 'content' ? result.contentHtml : result.pageHtml);
    showStatus(pane, siteProblems.length ? `Some of the site's files could not be loaded: ${siteProblems.join('; ')}` : '');
    showDiagnostics(pane, result.diagnostics, bodyLine);
    pane.shown = pane.file;
    const ms = performance.now() - started;
    if ((result.highlightPending || result.mathPending || result.qrPending) && !waitingForModules.has(root)) {
      // Code is uncoloured until the highlighter's module is loaded, formulas are TeX until
      // KaTeX is, QR codes are left out until their encoder is: then render again. A module that fails to load is reported on each block.
      waitingForModules.add(root);
      const loads = [];
      if (result.highlightPending) loads.push(loadHighlighter(highlighter));
      if (result.mathPending) loads.push(loadMath());
      if (result.qrPending) loads.push(loadQr());
      Promise.allSettled(loads).then(() => {
        waitingForModules.delete(root);
        repaint(root);
      });
    }
    onResult?.(result, { path, source, bodyLine, ms, element: pane.output });
  }

  function repaint(root) {
    const pane = panes.get(root);
    if (!pane?.file) return;
    pane.shown = null;
    safely(root, () => paint(root));
  }

  function safely(root, run) {
    try {
      run();
    } catch (error) {
      // Never into React's commit: the pane says what failed.
      console.error('hugo-preview/cms:', error);
      const pane = panes.get(root);
      if (pane) showStatus(pane, `The preview failed: ${error?.message ?? error}`);
    }
  }

  const ready = (async () => {
    const [, loaded] = await Promise.all([init(wasm), loadSite(site)]);
    // Given a place for the highlighter, load it now: the renderer would otherwise start
    // loading it from its default place (next to the package, which a bundler moved) the first
    // time a page has code, and that first load is the one kept.
    if (highlighter !== undefined) loadHighlighter(highlighter).catch(() => {});
    siteProblems = loaded.problems;
    renderer = new Renderer({ ...rendererOptions, files: loaded.files, binaryFiles: loaded.binaryFiles });
    return renderer;
  })();
  ready.then(
    () => refresh(),
    (error) => {
      failure = `The site could not be loaded: ${error?.message ?? error}`;
      console.error('hugo-preview/cms:', error);
      refresh();
    },
  );

  function refresh() {
    for (const root of roots) {
      if (root.isConnected) repaint(root);
      else roots.delete(root);
    }
  }

  function template(collection) {
    const name = typeof collection === 'string' ? collection : collection?.name;
    if (typeof name !== 'string' || name === '') {
      throw new TypeError('hugo-preview/cms: each collection must be a name or have a `name`');
    }
    // A new callback ref each render: React calls it with the element after every update.
    const HugoPreview = (props) =>
      h('div', {
        className: 'hugo-preview-cms',
        ref: (root) => {
          if (!root) return;
          roots.add(root);
          safely(root, () => {
            paneOf(root).file = entryFile(props, collection, { contentDir });
            paint(root);
          });
        },
      });
    HugoPreview.displayName = `HugoPreview(${name})`;
    return [name, HugoPreview];
  }

  const templates = collections.map(template);
  if (css) CMS.registerPreviewStyle(previewCss, { raw: true });
  for (const style of styles) CMS.registerPreviewStyle(style);
  for (const [name, component] of templates) CMS.registerPreviewTemplate(name, component);

  return { ready, refresh };
}
