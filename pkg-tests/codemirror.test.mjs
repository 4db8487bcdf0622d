// `hugo-preview/codemirror` in headless Chromium, as a user's build uses it: a page bundled
// with esbuild from the installed package and the CodeMirror packages next to it (peer
// dependencies), the web build's .wasm passed to init() by URL (esbuild leaves the glue's
// `new URL(…, import.meta.url)` alone).
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { openPackagePage } from './browser-harness.mjs';
import { projectDir, samplePost, sampleSite } from './support.mjs';

const ENTRY = `
import init, { Renderer } from 'hugo-preview/web';
import { hugoPreview, hugoResult } from 'hugo-preview/codemirror';
import { EditorState } from '@codemirror/state';
import { EditorView, keymap } from '@codemirror/view';
import { defaultKeymap, history, historyKeymap, undo, redo } from '@codemirror/commands';
import { completionStatus, currentCompletions, startCompletion } from '@codemirror/autocomplete';
import { forEachDiagnostic } from '@codemirror/lint';

await init(new URL('/node_modules/hugo-preview/bundler/hugo_preview_bg.wasm', location.href));

window.makeEditor = (doc, site) => {
  window.cmView?.destroy();
  const renderer = new Renderer({ ...site, sourceLines: true, highlight: false });
  const preview = document.getElementById('preview');
  window.renders = 0;
  window.cmView = new EditorView({
    parent: document.getElementById('editor'),
    state: EditorState.create({
      doc,
      extensions: [
        history(),
        keymap.of([...defaultKeymap, ...historyKeymap]),
        hugoPreview({
          render: (source) => renderer.render(source),
          parse: (source) => renderer.parse(source),
          shortcodes: site.shortcodes ?? {},
          preview: { element: preview, scroller: document.getElementById('preview-scroll') },
          onResult: () => { window.renders += 1; },
        }),
      ],
    }),
  });
  return true;
};
window.cm = { hugoResult, undo, redo, startCompletion, currentCompletions, completionStatus, forEachDiagnostic };
window.ready = true;
`;

let harness;
let page;

before(async () => {
  const entry = join(projectDir, 'codemirror-entry.mjs');
  writeFileSync(entry, ENTRY);
  // esbuild as installed into the project (pkg-tests/install.mjs).
  const esbuild = createRequire(join(projectDir, 'package.json'))('esbuild');
  await esbuild.build({
    entryPoints: [entry],
    bundle: true,
    format: 'esm',
    target: 'es2022',
    outfile: join(projectDir, 'codemirror-bundle.js'),
    logLevel: 'warning',
  });
  harness = await openPackagePage({
    // CodeMirror injects its styles; the preview's remote images are refused.
    head: `<meta http-equiv="Content-Security-Policy" content="default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self' 'unsafe-inline'; img-src 'self' data:">`,
    body: `<style>#editor .cm-editor { height: 300px } #preview-scroll { height: 300px; overflow: auto }</style>
<div id="editor"></div><div id="preview-scroll"><div id="preview"></div></div>
<script type="module" src="/codemirror-bundle.js"></script>`,
  });
  page = harness.page;
});

after(async () => {
  await harness?.close();
});

/** Waits until the editor's latest render is of its current text. */
async function rendered() {
  await page.waitForFunction(() => {
    const result = window.cmView.state.field(window.cm.hugoResult);
    return result !== null && window.renders > 0 && document.getElementById('preview').childElementCount > 0;
  });
}

test('lint marks sit at the diagnostics\' UTF-16 ranges, after emoji and CJK', async () => {
  const doc = '+++\ntitle = "絵文字 😀"\n+++\n😀👍🏽 日本語のテキスト {{< nosuch >}} 𠮷 and {{< figure src="a.png" >}}\n\n中文 {{< image src= >}}\n';
  await page.evaluate((d) => window.makeEditor(d, {}), doc);
  await page.waitForFunction(() => {
    let n = 0;
    window.cm.forEachDiagnostic(window.cmView.state, () => { n += 1; });
    return n > 0;
  });
  const found = await page.evaluate(() => {
    const out = [];
    window.cm.forEachDiagnostic(window.cmView.state, (d, from, to) => out.push({ from, to, severity: d.severity, message: d.message }));
    return out;
  });
  const result = await page.evaluate(() => window.cmView.state.field(window.cm.hugoResult).diagnostics);
  const unknown = doc.indexOf('{{< nosuch >}}');
  const mark = found.find((d) => /"nosuch" not found/.test(d.message));
  assert.ok(mark, JSON.stringify(found));
  assert.equal(mark.severity, 'error');
  assert.equal(mark.from, unknown, 'starts at the call, counted in UTF-16 units');
  assert.equal(doc.slice(mark.from, mark.to), '{{< nosuch >}}');
  // Every diagnostic of the content file is a mark at its own range.
  const expected = result.filter((d) => d.file === null).map((d) => [d.start, d.end, d.severity]);
  assert.deepEqual(found.map((d) => [d.from, d.to, d.severity]).sort(), expected.sort());
  // And the mark is drawn over exactly that text.
  await page.waitForSelector('.cm-lintRange-error');
  const marked = await page.evaluate(() => [...document.querySelectorAll('.cm-lintRange-error')].map((el) => el.textContent).join('|'));
  assert.match(marked, /\{\{< nosuch >\}\}/);
});

test('completion lists the sample site\'s image parameters, and its shortcode names', async () => {
  const site = sampleSite();
  await page.evaluate(({ doc, site }) => window.makeEditor(doc, site), { doc: 'Intro\n\n{{< image ', site });
  await rendered();
  const labels = await page.evaluate(async () => {
    const view = window.cmView;
    view.focus();
    view.dispatch({ selection: { anchor: view.state.doc.length } });
    window.cm.startCompletion(view);
    for (let i = 0; i < 200 && window.cm.completionStatus(view.state) !== 'active'; i += 1) {
      await new Promise((resolve) => requestAnimationFrame(resolve));
    }
    return window.cm.currentCompletions(view.state).map((c) => c.label);
  });
  for (const name of ['src', 'alt', 'title', 'caption', 'type', 'width', 'height', 'link', 'linkrel', 'attribto', 'licensecode']) {
    assert.ok(labels.includes(name), `${name} in ${labels.join(', ')}`);
  }
  await page.waitForSelector('.cm-tooltip-autocomplete li');

  const names = await page.evaluate(async () => {
    const view = window.cmView;
    view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: 'Text {{< ' }, selection: { anchor: 9 } });
    window.cm.startCompletion(view);
    for (let i = 0; i < 200 && window.cm.completionStatus(view.state) !== 'active'; i += 1) {
      await new Promise((resolve) => requestAnimationFrame(resolve));
    }
    return window.cm.currentCompletions(view.state).map((c) => c.label);
  });
  for (const name of ['image', 'reflangtitle', 'figure', 'details', 'youtube']) {
    assert.ok(names.includes(name), `${name} in ${names.join(', ')}`);
  }
});

test('hovering a shortcode call shows its rendered figure', async () => {
  const site = sampleSite();
  const doc = 'A paragraph.\n\n{{< image src="https://example.org/cat.png" title="A cat" caption="On a mat" >}}\n';
  await page.evaluate(({ doc, site }) => window.makeEditor(doc, site), { doc, site });
  await rendered();
  const at = doc.indexOf('image src') + 2;
  const box = await page.evaluate((pos) => {
    const rect = window.cmView.coordsAtPos(pos);
    return { x: rect.left + 2, y: (rect.top + rect.bottom) / 2 };
  }, at);
  await page.mouse.move(box.x - 30, box.y + 60);
  await page.mouse.move(box.x, box.y, { steps: 3 });
  await page.waitForSelector('.cm-hugo-hover figure', { timeout: 10_000 });
  const hover = await page.evaluate(() => {
    const el = document.querySelector('.cm-hugo-hover');
    return { caption: el.querySelector('figcaption')?.textContent ?? '', img: el.querySelector('img')?.getAttribute('src') };
  });
  assert.match(hover.caption, /A cat/);
  assert.equal(hover.img, 'https://example.org/cat.png');
});

test('typing, undo and redo keep the preview in step with the text', async () => {
  const site = sampleSite();
  await page.evaluate(({ doc, site }) => window.makeEditor(doc, site), { doc: samplePost(), site });
  await rendered();
  const inPreview = (text) => page.waitForFunction((t) => document.getElementById('preview').textContent.includes(t), text);
  const notInPreview = (text) => page.waitForFunction((t) => !document.getElementById('preview').textContent.includes(t), text);
  await page.evaluate(() => {
    const view = window.cmView;
    view.focus();
    view.dispatch({ selection: { anchor: view.state.doc.length } });
  });
  await page.keyboard.type('\n\nTyped 😀 in the editor.\n');
  await inPreview('Typed 😀 in the editor.');
  // Typing is grouped into undo events by time: undo until the paragraph is gone.
  const docHas = (text) => page.evaluate((t) => window.cmView.state.doc.toString().includes(t), text);
  for (let i = 0; i < 40 && (await docHas('Typed')); i += 1) await page.keyboard.press('Control+z');
  assert.equal(await docHas('Typed'), false, 'undo took the paragraph out');
  await notInPreview('Typed');
  for (let i = 0; i < 40 && !(await docHas('Typed 😀 in the editor.\n')); i += 1) await page.keyboard.press('Control+y');
  assert.ok(await docHas('Typed 😀 in the editor.\n'), 'redo put it back');
  await inPreview('Typed 😀 in the editor.');
  // The preview is the render of exactly the editor's text.
  const same = await page.evaluate(() => {
    const result = window.cmView.state.field(window.cm.hugoResult);
    return result.pageHtml.includes('Typed 😀 in the editor.') && window.cmView.state.doc.toString().includes('Typed 😀 in the editor.');
  });
  assert.ok(same);
  const figures = await page.evaluate(() => document.querySelectorAll('#preview figure.post-figure').length);
  assert.equal(figures, 11, 'the image template ran for every figure');
  // The last render is of the current text: its preview holds what the renderer gives for it.
  const fresh = await page.evaluate(() => window.cmView.state.field(window.cm.hugoResult).pageHtml === document.getElementById('preview').innerHTML);
  assert.ok(fresh, 'the preview shows the latest result');
});

test('nothing left 127.0.0.1 (the page\'s CSP refuses remote images) and no dialog opened', () => {
  const left = harness.requests.filter((r) => !r.url.startsWith('http://127.0.0.1:') && !r.failure);
  assert.deepEqual(left.map((r) => r.url), []);
  assert.deepEqual(harness.dialogs, []);
});
