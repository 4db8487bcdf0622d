// `hugo-preview/codemirror`: a CodeMirror 6 extension for a Hugo content file. It renders the
// document on every change (through the caller's `render`, sync or async: the package's
// Renderer, a worker, a server), lints with the result's diagnostics, completes shortcode names
// and parameters, shows a shortcode call's output on hover, and keeps a preview element painted
// and scrolled with the editor (`sourceLines`). It imports only `@codemirror/*` (peer
// dependencies): nothing of the WebAssembly package, which the caller loads and owns.
import { autocompletion, snippetCompletion } from '@codemirror/autocomplete';
import { setDiagnostics } from '@codemirror/lint';
import { ChangeSet, EditorState, StateEffect, StateField } from '@codemirror/state';
import { Decoration, EditorView, hoverTooltip, MatchDecorator, ViewPlugin } from '@codemirror/view';

/**
 * The built-in shortcodes a writer can call, with the parameters Hugo (0.168) reads: named
 * ones by name, positional ones by index. Removed built-ins (`tweet`, `gist`, …) are left
 * out: Hugo stops on them.
 */
export const builtinShortcodes = Object.freeze({
  details: { named: ['summary', 'open', 'class', 'name', 'title'], positional: [] },
  figure: {
    named: ['src', 'alt', 'title', 'caption', 'attr', 'attrlink', 'link', 'target', 'rel', 'class', 'width', 'height', 'loading'],
    positional: [],
  },
  highlight: { named: [], positional: [0, 1] },
  instagram: { named: [], positional: [0] },
  param: { named: [], positional: [0] },
  qr: { named: ['text', 'level', 'scale', 'targetDir', 'alt', 'class', 'id', 'title', 'loading'], positional: [] },
  ref: { named: ['path', 'lang', 'outputFormat'], positional: [0] },
  relref: { named: ['path', 'lang', 'outputFormat'], positional: [0] },
  vimeo: { named: ['id', 'allowFullScreen', 'class', 'loading', 'title'], positional: [0] },
  x: { named: ['user', 'id'], positional: [] },
  youtube: {
    named: ['id', 'allowFullScreen', 'autoplay', 'class', 'controls', 'end', 'loading', 'loop', 'mute', 'start', 'title'],
    positional: [0],
  },
  comment: { named: [], positional: [] },
});

/**
 * The parameters a shortcode template reads: `.Get "name"` (and `` .Get `name` ``, `$.Get`,
 * `index .Params "name"`) as named, `.Get 0` as positional. A scan of the template's text,
 * not of its parse tree: a name built at run time (`.Get $key`) is not found.
 */
export function shortcodeParameters(template) {
  const named = new Set();
  const positional = new Set();
  for (const [, , name] of template.matchAll(/\.Get\s+("|`)([^"`\n]+)\1/g)) named.add(name);
  for (const [, name] of template.matchAll(/index\s+\$?\.Params\s+"([^"\n]+)"/g)) named.add(name);
  for (const [, index] of template.matchAll(/\.Get\s+(\d+)/g)) positional.add(Number(index));
  return { named: [...named], positional: [...positional].sort((a, b) => a - b) };
}

/**
 * Every shortcode a site can call: the built-ins, then its templates (name → template
 * source), which replace a built-in of the same name as in Hugo.
 */
export function shortcodeCatalog(templates = {}) {
  const catalog = new Map();
  for (const [name, params] of Object.entries(builtinShortcodes)) catalog.set(name, { ...params, source: 'built-in' });
  for (const [name, template] of Object.entries(templates ?? {})) {
    catalog.set(name.toLowerCase(), { ...shortcodeParameters(template), source: 'site template' });
  }
  return catalog;
}

const SEVERITIES = new Set(['error', 'warning', 'info']);

/**
 * A render result's diagnostics as CodeMirror's, for one file: `null` (the default) is the
 * content file, else the file's name as diagnostics give it (`hugo.toml`,
 * `shortcodes/image.html`). Positions are the result's UTF-16 offsets, which are CodeMirror's;
 * `docLength` clamps them (the document may have changed since).
 */
export function diagnosticsFromResult(result, { file = null, docLength = Infinity } = {}) {
  const out = [];
  for (const d of result?.diagnostics ?? []) {
    if ((d.file ?? null) !== file) continue;
    const from = Math.max(0, Math.min(d.start, docLength));
    const to = Math.max(from, Math.min(d.end, docLength));
    out.push({
      from,
      to,
      severity: SEVERITIES.has(d.severity) ? d.severity : 'info',
      message: d.message,
      source: 'hugo-preview',
    });
  }
  return out;
}

/**
 * Shows a result's diagnostics for `file` in another editor (the site config's, a template's):
 * the content file's render reports problems in the site's files too.
 */
export function showDiagnostics(view, result, { file = null } = {}) {
  view.dispatch(setDiagnostics(view.state, diagnosticsFromResult(result, { file, docLength: view.state.doc.length })));
}

/** Carries a finished render into the state (and so to `hugoResult`). */
const rendered = StateEffect.define();

/** Asks for a render of the unchanged document (the site's templates or config changed). */
const refresh = StateEffect.define();

/** Renders the document again though it did not change: after the site's files changed, say. */
export function refreshHugoPreview(view) {
  view.dispatch({ effects: refresh.of(null) });
}

/** The latest render result shown for this editor's document, or null before the first. */
export const hugoResult = StateField.define({
  create: () => null,
  update(value, tr) {
    for (const effect of tr.effects) if (effect.is(rendered)) value = effect.value;
    return value;
  },
});

/**
 * Renders the document on every change: one render at a time, the newest text waiting while
 * one runs (keystrokes in between are coalesced). A result that arrives after more typing is
 * still shown, its diagnostics mapped through the changes made since.
 */
function renderLoop({ render, file, onResult, lint }) {
  return ViewPlugin.fromClass(
    class {
      constructor(view) {
        this.view = view;
        this.running = null; // { changes } of the render in flight
        this.dirty = true;
        this.destroyed = false;
        queueMicrotask(() => this.pump());
      }

      update(update) {
        const asked = update.transactions.some((tr) => tr.effects.some((effect) => effect.is(refresh)));
        if (!update.docChanged && !asked) return;
        if (this.running) this.running.changes = this.running.changes.compose(update.changes);
        this.dirty = true;
        queueMicrotask(() => this.pump());
      }

      pump() {
        if (this.destroyed || this.running || !this.dirty) return;
        this.dirty = false;
        const doc = this.view.state.doc;
        const running = { changes: ChangeSet.empty(doc.length) };
        this.running = running;
        let result;
        try {
          result = Promise.resolve(render(doc.toString()));
        } catch (error) {
          result = Promise.reject(error);
        }
        result.then(
          (value) => this.finish(running, value),
          (error) => {
            this.running = null;
            console.error('hugo-preview: render failed', error);
            this.pump();
          },
        );
      }

      finish(running, result) {
        this.running = null;
        if (this.destroyed) return;
        const { changes } = running;
        const spec = { effects: rendered.of(result) };
        if (lint) {
          const diagnostics = diagnosticsFromResult(result, { file }).map((d) => {
            const from = Math.min(changes.mapPos(Math.min(d.from, changes.length), 1), this.view.state.doc.length);
            return { ...d, from, to: Math.max(from, Math.min(changes.mapPos(Math.min(d.to, changes.length), -1), this.view.state.doc.length)) };
          });
          spec.effects = [spec.effects, ...[setDiagnostics(this.view.state, diagnostics).effects].flat()];
        }
        this.view.dispatch(spec);
        onResult?.(result, this.view);
        this.pump();
      }

      destroy() {
        this.destroyed = true;
      }
    },
  );
}

/** The text of an unfinished shortcode call before `pos` (calls may span lines), if `pos` is in one. */
function callBefore(state, pos) {
  const before = state.sliceDoc(Math.max(0, pos - 2000), pos);
  const open = Math.max(before.lastIndexOf('{{<'), before.lastIndexOf('{{%'));
  if (open < 0) return null;
  const text = before.slice(open);
  if (/[>%]\}\}/.test(text)) return null;
  return { text, from: pos - text.length };
}

/**
 * Completes shortcode names after `{{<` or `{{%`, and a call's parameters after its name:
 * named ones (`src="…"`) not given yet, and positional ones. `shortcodes`: the site's
 * templates (name → source), or a function returning them (read on each completion).
 */
export function shortcodeCompletionSource({ shortcodes = {} } = {}) {
  return (context) => {
    const call = callBefore(context.state, context.pos);
    if (!call) return null;
    const templates = typeof shortcodes === 'function' ? shortcodes() : shortcodes;
    const catalog = shortcodeCatalog(templates);
    const name = /^\{\{[<%]\s*\/?\s*([\w./-]*)$/.exec(call.text);
    if (name) {
      return {
        from: context.pos - name[1].length,
        validFor: /^[\w./-]*$/,
        options: [...catalog].map(([label, info]) => ({
          label,
          type: 'function',
          detail: info.source,
          info: describe(info),
          boost: info.source === 'site template' ? 1 : 0,
        })),
      };
    }
    const args = /^\{\{[<%]\s*([\w./-]+)(\s[^]*)$/.exec(call.text);
    if (!args) return null;
    const rest = args[2];
    // Inside a quoted value: nothing to complete.
    if ((rest.match(/"/g) ?? []).length % 2 === 1 || (rest.match(/`/g) ?? []).length % 2 === 1) return null;
    const word = /[\w-]*$/.exec(rest)[0];
    if (!/\s$/.test(rest.slice(0, rest.length - word.length))) return null;
    if (!word && !context.explicit && !/\s$/.test(rest)) return null;
    const info = catalog.get(args[1].toLowerCase());
    if (!info) return null;
    const given = new Set([...rest.matchAll(/([\w-]+)\s*=/g)].map((m) => m[1]));
    const options = info.named
      .filter((param) => !given.has(param))
      .map((param) => snippetCompletion(`${param}="\${}"`, { label: param, type: 'property', detail: `${args[1]} parameter` }));
    const positionalGiven = given.size === 0 ? (rest.match(/"[^"]*"|`[^`]*`|[^\s"`]+/g) ?? []).length - (word ? 1 : 0) : Infinity;
    for (const index of info.positional) {
      if (index < positionalGiven) continue;
      options.push(snippetCompletion('"${}"', { label: `"${index}"`, type: 'variable', detail: `positional parameter ${index}` }));
    }
    return { from: context.pos - word.length, validFor: /^[\w-]*$/, options };
  };
}

function describe(info) {
  const parts = [];
  if (info.named.length) parts.push(`named: ${info.named.join(', ')}`);
  if (info.positional.length) parts.push(`positional: ${info.positional.join(', ')}`);
  return parts.join('\n') || 'no parameters';
}

/** Completion of shortcode names and parameters, beside any other completion sources. */
export function hugoCompletion(options = {}) {
  const source = shortcodeCompletionSource(options);
  return [autocompletion(), EditorState.languageData.of(() => [{ autocomplete: source }])];
}

function innermostCall(nodes, pos) {
  for (const node of nodes ?? []) {
    if (node.start <= pos && pos < node.end) return innermostCall(node.children, pos) ?? node;
  }
  return null;
}

/**
 * On hover over a shortcode call, shows its rendered output: `parse` finds the call (the
 * outline's UTF-16 spans), `render` renders it alone after the page's front matter. Both may
 * be async. The output is the package's sanitized HTML.
 */
export function hugoHover({ parse, render, hoverTime = 300 }) {
  return hoverTooltip(
    async (view, pos) => {
      const doc = view.state.doc.toString();
      const outline = await parse(doc);
      const call = innermostCall(outline?.shortcodes, pos);
      if (!call) return null;
      const range = outline.frontMatterRange;
      const frontMatter = range ? `${doc.slice(range.start, range.end)}\n` : '';
      const result = await render(frontMatter + doc.slice(call.start, call.end));
      return {
        pos: call.start,
        end: call.end,
        above: true,
        create() {
          const dom = document.createElement('div');
          dom.className = 'cm-hugo-hover';
          const title = document.createElement('div');
          title.className = 'cm-hugo-hover-title';
          title.textContent = `{{< ${call.name} >}}`;
          const body = document.createElement('div');
          body.className = 'cm-hugo-hover-body';
          body.innerHTML = result.contentHtml; // sanitized by the package
          dom.append(title, body);
          return { dom };
        },
      };
    },
    { hoverTime },
  );
}

const frontMatterMark = Decoration.line({ class: 'cm-hugo-front-matter' });

/** The front matter block's lines: `+++` TOML, `---` YAML, as Hugo finds them at the start. */
function frontMatterLines(state) {
  const first = state.doc.line(1).text.trim();
  if (first !== '+++' && first !== '---') return Decoration.none;
  const marks = [];
  for (let n = 1; n <= state.doc.lines; n += 1) {
    const line = state.doc.line(n);
    marks.push(frontMatterMark.range(line.from));
    if (n > 1 && line.text.trim() === first) return Decoration.set(marks);
  }
  return Decoration.none; // unclosed: not front matter
}

const frontMatterField = StateField.define({
  create: frontMatterLines,
  update: (value, tr) => (tr.docChanged ? frontMatterLines(tr.state) : value),
  provide: (field) => EditorView.decorations.from(field),
});

// A call's delimiters and name (MatchDecorator matches within a line, and calls may span lines).
const shortcodeMatcher = new MatchDecorator({
  regexp: /(\{\{[<%]\s*\/?\s*)([\w./-]*)|\/?[>%]\}\}/g,
  decorate(add, from, to, match) {
    if (match[1] === undefined) {
      add(from, to, Decoration.mark({ class: 'cm-hugo-shortcode' }));
      return;
    }
    add(from, from + match[1].length, Decoration.mark({ class: 'cm-hugo-shortcode' }));
    if (match[2]) add(from + match[1].length, to, Decoration.mark({ class: 'cm-hugo-shortcode cm-hugo-shortcode-name' }));
  },
});

/** Marks the front matter block and shortcode calls (`cm-hugo-*` classes; a base theme colours them). */
export function hugoSyntax() {
  return [
    frontMatterField,
    ViewPlugin.fromClass(
      class {
        constructor(view) {
          this.decorations = shortcodeMatcher.createDeco(view);
        }
        update(update) {
          this.decorations = shortcodeMatcher.updateDeco(update, this.decorations);
        }
      },
      { decorations: (plugin) => plugin.decorations },
    ),
    EditorView.baseTheme({
      '.cm-hugo-front-matter': { backgroundColor: '#f4f1fb' },
      '.cm-hugo-shortcode': { color: '#8250df' },
      '.cm-hugo-shortcode-name': { fontWeight: '600' },
      '.cm-hugo-hover': { maxWidth: '32rem', maxHeight: '20rem', overflow: 'auto', padding: '0.5rem' },
      '.cm-hugo-hover-title': { fontFamily: 'monospace', fontSize: '0.85em', opacity: '0.7', marginBottom: '0.25rem' },
      '.cm-hugo-hover-body img': { maxWidth: '100%' },
    }),
  ];
}

/**
 * Keeps a preview scroller and the editor at the same place, both ways, through the
 * `data-source-line` attributes that the `sourceLines` option puts on block elements. The
 * scroll event of a position set here is not echoed back. Returns a function that stops it.
 */
export function syncPreviewScroll(view, scroller) {
  let editorTopSet = null;
  let previewTopSet = null;
  const echoed = (element, expected) => expected !== null && Math.abs(element.scrollTop - expected) <= 1;
  // Blocks in document order, lines non-decreasing (footnotes come last whatever their line).
  const blocks = () => {
    const kept = [];
    let last = 0;
    for (const el of scroller.querySelectorAll('[data-source-line]')) {
      const line = Number(el.dataset.sourceLine);
      if (line >= last) {
        kept.push(el);
        last = line;
      }
    }
    return kept;
  };
  const offsetIn = (el) => el.getBoundingClientRect().top - scroller.getBoundingClientRect().top + scroller.scrollTop;
  const editorLine = () => {
    const top = view.scrollDOM.scrollTop;
    const block = view.lineBlockAtHeight(Math.max(0, top - view.documentPadding.top));
    const line = view.state.doc.lineAt(block.from).number;
    return line + Math.max(0, Math.min(1, (top - (block.top + view.documentPadding.top)) / Math.max(1, block.height)));
  };
  const lineTop = (line) => {
    const n = Math.max(1, Math.min(view.state.doc.lines, Math.floor(line)));
    const block = view.lineBlockAt(view.state.doc.line(n).from);
    return block.top + view.documentPadding.top + (line - n) * block.height;
  };
  const onEditorScroll = () => {
    if (echoed(view.scrollDOM, editorTopSet)) {
      editorTopSet = null;
      return;
    }
    editorTopSet = null;
    const list = blocks();
    if (list.length === 0) return;
    const line = editorLine();
    let i = list.findLastIndex((el) => Number(el.dataset.sourceLine) <= line);
    if (i < 0) i = 0;
    const here = list[i];
    const next = list[i + 1];
    const l0 = Number(here.dataset.sourceLine);
    let y = offsetIn(here);
    if (next && Number(next.dataset.sourceLine) > l0) {
      y += Math.min(1, (line - l0) / (Number(next.dataset.sourceLine) - l0)) * (offsetIn(next) - y);
    }
    scroller.scrollTop = view.scrollDOM.scrollTop === 0 ? 0 : y;
    previewTopSet = scroller.scrollTop;
  };
  const onPreviewScroll = () => {
    if (echoed(scroller, previewTopSet)) {
      previewTopSet = null;
      return;
    }
    previewTopSet = null;
    const list = blocks();
    const top = scroller.scrollTop;
    const i = list.findIndex((el) => offsetIn(el) + el.offsetHeight > top);
    if (i < 0) return;
    const here = list[i];
    const next = list[i + 1];
    let line = Number(here.dataset.sourceLine);
    const y0 = offsetIn(here);
    if (next && top > y0) {
      const y1 = offsetIn(next);
      const l1 = Number(next.dataset.sourceLine);
      if (y1 > y0 && l1 > line) line += ((top - y0) / (y1 - y0)) * (l1 - line);
    }
    view.scrollDOM.scrollTop = top === 0 ? 0 : lineTop(line);
    editorTopSet = view.scrollDOM.scrollTop;
  };
  view.scrollDOM.addEventListener('scroll', onEditorScroll, { passive: true });
  scroller.addEventListener('scroll', onPreviewScroll, { passive: true });
  return () => {
    view.scrollDOM.removeEventListener('scroll', onEditorScroll);
    scroller.removeEventListener('scroll', onPreviewScroll);
  };
}

/**
 * A preview panel: paints each result's `pageHtml` into `element` (already sanitized; pass
 * `paint` to patch instead, with morphdom say) and keeps it scrolled with the editor. Render
 * with `sourceLines: true` for the scroll sync.
 */
export function hugoPreviewPanel(element, { paint, scroller = element } = {}) {
  const draw = paint ?? ((result, target) => {
    target.innerHTML = result.pageHtml;
  });
  return [
    ViewPlugin.define((view) => {
      const stop = syncPreviewScroll(view, scroller);
      return { destroy: stop };
    }),
    onHugoResult((result) => draw(result, element)),
  ];
}

/** Calls `listener(result, view)` after each render shown in this editor. */
export function onHugoResult(listener) {
  return EditorView.updateListener.of((update) => {
    for (const tr of update.transactions) {
      for (const effect of tr.effects) if (effect.is(rendered)) listener(effect.value, update.view);
    }
  });
}

/**
 * The whole extension: renders on every change with `render(source)` (sync or async, returning
 * the package's RenderResult), lints with the diagnostics of `file` (null: the content file),
 * completes shortcodes (`shortcodes`: the site's templates, name → source, or a function
 * returning them), shows a call's output on hover (when `parse` is given; rendered with
 * `renderCall`, by default `render`), marks the front
 * matter and shortcodes, and, with `preview`, paints and scroll-syncs a preview element.
 */
export function hugoPreview({ render, parse, renderCall, shortcodes = {}, file = null, preview, onResult, lint = true, hover = true }) {
  if (typeof render !== 'function') throw new TypeError('hugoPreview: `render` must be a function');
  const extensions = [hugoResult, renderLoop({ render, file, onResult, lint }), hugoSyntax(), hugoCompletion({ shortcodes })];
  if (parse && hover) extensions.push(hugoHover({ parse, render: renderCall ?? render }));
  if (preview) {
    const options = preview instanceof Element ? { element: preview } : preview;
    extensions.push(hugoPreviewPanel(options.element, options));
  }
  return extensions;
}
