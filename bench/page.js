// The benchmark page (`make bench`, driven by bench/browser.mjs). Exposes
// window.bench.{firstRender, compare, memory}; the driver calls them and prints the figures.
// Every engine gets the same text; timings are performance.now() on a cross-origin-isolated
// page (5 µs resolution).
import init, { Renderer, memoryBytes, loadHighlighter } from '/pkg/web.js';
import markdownit from '/lib/markdown-it.js';
import DOMPurify from '/lib/dompurify.js';
import * as markdownWasm from '/lib/markdown-wasm.js';

// `?quick` (the package tests' smoke run): a few renders only, figures meaningless.
const QUICK = new URL(location.href).searchParams.has('quick');
const WARM_UP = QUICK ? 2 : 30;
const WARM_UP_MS = QUICK ? 0 : 1000;
const MIN_RUNS = QUICK ? 5 : 60;
const MIN_MS = QUICK ? 0 : 1500;

async function text(url) {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url}: ${response.status}`);
  return response.text();
}

/** The site the documents are rendered with: the demo's sample site plus the bench's templates. */
async function siteOptions() {
  const shortcodes = {};
  for (const name of ['image', 'reflangtitle']) {
    shortcodes[name] = await text(`/www/sample-site/layouts/shortcodes/${name}.html`);
  }
  for (const name of ['note', 'specs']) {
    shortcodes[name] = await text(`/bench/site/layouts/shortcodes/${name}.html`);
  }
  return {
    siteConfig: await text('/www/sample-site/hugo.toml'),
    path: 'techmagus/lessons-learned-facebook-down.md',
    shortcodes,
  };
}

/** The front matter block and the body, so that ten copies keep one front matter. */
function splitFrontMatter(source) {
  const match = /^(\+\+\+|---)\r?\n[\s\S]*?\r?\n\1[ \t]*\r?\n/.exec(source);
  return match ? [match[0], source.slice(match[0].length)] : ['', source];
}

async function documents() {
  const sample = await text('/sample/facebook-down.md');
  const [frontMatter, body] = splitFrontMatter(sample);
  return [
    { name: 'sample post', text: sample },
    { name: 'ten copies', text: frontMatter + body.repeat(10) },
    { name: 'shortcode-heavy', text: await text('/bench/documents/shortcode-heavy.md') },
  ];
}

/**
 * Texts as an editor sends them while someone types: the document with one more character
 * each time, inserted at the end of a paragraph near the middle. Every engine renders the
 * same sequence, so nothing can answer from a cache of the previous identical text.
 */
function keystrokes(source, count) {
  const middle = source.indexOf('\n\n', Math.floor(source.length / 2));
  const at = middle < 0 ? source.length : middle;
  const letters = 'the quick brown fox jumps over the lazy dog ';
  const texts = [];
  let typed = '';
  for (let i = 0; i < count; i += 1) {
    typed += letters[i % letters.length];
    if (typed.length > 200) typed = typed.slice(-1);
    texts.push(source.slice(0, at) + ' ' + typed + source.slice(at));
  }
  return texts;
}

function percentile(sorted, p) {
  return sorted[Math.min(sorted.length - 1, Math.round((sorted.length - 1) * p))];
}

function measure(run, texts) {
  // Warm up until the engine has had time to optimize the code (at least WARM_UP renders).
  const warmStart = performance.now();
  for (let i = 0; i < WARM_UP || performance.now() - warmStart < WARM_UP_MS; i += 1) {
    run(texts[i % texts.length]);
  }
  const times = [];
  const started = performance.now();
  let i = 0;
  while (times.length < MIN_RUNS || performance.now() - started < MIN_MS) {
    const t = performance.now();
    run(texts[i % texts.length]);
    times.push(performance.now() - t);
    i += 1;
  }
  times.sort((a, b) => a - b);
  return { p50: percentile(times, 0.5), p95: percentile(times, 0.95), runs: times.length };
}

let engines = null;

async function prepareEngines() {
  if (engines) return engines;
  await init();
  await markdownWasm.ready;
  const md = markdownit({ html: true, linkify: false, typographer: true }).use(window.markdownitFootnote);
  const renderer = new Renderer(await siteOptions());
  engines = [
    {
      name: 'hugo-preview (full pipeline)',
      key: 'ours',
      run: (source) => renderer.render(source).pageHtml.length,
      // Errors that mean a template did not run. The sample's two `tweet` calls are errors as
      // in Hugo 0.168, which removed the shortcode (the card still shows, in the error box).
      errors: (source) => renderer.render(source).diagnostics
        .filter((d) => d.severity === 'error' && !/shortcodes? (was|were) deprecated in v[\d.]+ and removed/.test(d.message))
        .length,
    },
    {
      name: 'markdown-it + footnote + DOMPurify',
      key: 'markdownit',
      run: (source) => DOMPurify.sanitize(md.render(source)).length,
    },
    {
      name: 'markdown-wasm (Markdown only)',
      key: 'markdownwasm',
      run: (source) => markdownWasm.parse(source).length,
    },
  ];
  return engines;
}

async function compare() {
  const list = await prepareEngines();
  const results = [];
  for (const doc of await documents()) {
    const texts = keystrokes(doc.text, 64);
    const row = {
      document: doc.name,
      bytes: new TextEncoder().encode(doc.text).length,
      engines: {},
      // An error box would mean timing something else than the real page.
      errors: list[0].errors(doc.text),
      outputBytes: Object.fromEntries(list.map((engine) => [engine.key, engine.run(doc.text)])),
    };
    for (const engine of list) {
      row.engines[engine.key] = { name: engine.name, ...measure(engine.run, texts) };
    }
    // Unchanged text, rendered again: what a re-render without an edit costs.
    row.oursUnchanged = measure(list[0].run, [doc.text]);
    results.push(row);
  }
  return results;
}

/** Instantiate and first render, on a fresh page (the driver opens one per measurement). */
async function firstRender() {
  const t0 = performance.now();
  await init();
  const t1 = performance.now();
  const options = await siteOptions();
  const sample = await text('/sample/facebook-down.md');
  const t2 = performance.now();
  const renderer = new Renderer(options);
  const t3 = performance.now();
  const html = renderer.render(sample).pageHtml;
  const t4 = performance.now();
  const second = renderer.render(sample + '\nmore').pageHtml;
  const t5 = performance.now();
  return {
    instantiate: t1 - t0,
    renderer: t3 - t2,
    firstRender: t4 - t3,
    total: t1 - t0 + (t4 - t2),
    secondRender: t5 - t4,
    outputBytes: html.length + second.length,
  };
}

/** Memory after `count` renders of the sample while typing: the module's and the JS heap's. */
async function memory(count) {
  const list = await prepareEngines();
  const sample = (await documents())[0].text;
  const texts = keystrokes(sample, 500);
  const heap = () => {
    if (typeof gc === 'function') gc();
    return performance.memory ? performance.memory.usedJSHeapSize : null;
  };
  // Every text rendered once before the first reading: V8 flattens a text built by
  // concatenation when it is first passed to the module (500 × 27 KB, two bytes a character),
  // which would otherwise show as growth.
  for (let i = 0; i < Math.max(200, texts.length); i += 1) list[0].run(texts[i % texts.length]);
  const before = { wasm: memoryBytes(), heap: heap() };
  const started = performance.now();
  for (let i = 0; i < count; i += 1) list[0].run(texts[i % texts.length]);
  const elapsed = performance.now() - started;
  const after = { wasm: memoryBytes(), heap: heap() };
  return { count, before, after, msPerRender: elapsed / count };
}

/** Renders the sample `count` times while typing (so that the engine tiers the code up). */
async function warm(count) {
  const list = await prepareEngines();
  const texts = keystrokes((await documents())[0].text, 50);
  for (let i = 0; i < count; i += 1) list[0].run(texts[i % texts.length]);
}

/** Twenty code blocks from the highlighter's corpus, with a paragraph to type in the middle. */
async function codeDocument() {
  const files = ['go.go', 'python.py', 'rust.rs', 'javascript.js', 'typescript.ts', 'bash.sh',
    'yaml.yaml', 'toml.toml', 'json.json', 'html.html', 'css.css', 'c.c', 'cpp.cpp', 'java.java',
    'ruby.rb', 'php.php', 'sql.sql', 'kotlin.kt', 'swift.swift', 'dockerfile.dockerfile'];
  const parts = ['+++\ntitle = "Twenty code blocks"\n+++\n'];
  for (const [i, file] of files.entries()) {
    const lang = file.split('.')[0];
    parts.push(`Paragraph ${i}, about ${lang}.\n\n\`\`\`${lang}\n${await text(`/corpus/${file}`)}\`\`\`\n`);
    if (i === 9) parts.push('Typing happens at the end of this paragraph.\n');
  }
  return parts.join('\n');
}

/**
 * What colouring costs while typing outside code: the same keystrokes on a post with 20 code
 * blocks, with the highlighter and with `highlight: false`; and what the first colouring
 * costs (loading the module, compiling the lexers the page needs).
 */
async function highlighting() {
  await init();
  const doc = await codeDocument();
  const at = doc.indexOf('of this paragraph.') + 'of this paragraph'.length;
  const texts = [];
  let typed = '';
  for (let i = 0; i < 64; i += 1) {
    typed += 'the quick brown fox '[i % 20];
    texts.push(doc.slice(0, at) + ' ' + typed + doc.slice(at));
  }
  const t0 = performance.now();
  await loadHighlighter();
  const load = performance.now() - t0;
  const coloured = new Renderer({});
  const t1 = performance.now();
  const first = coloured.render(doc);
  const firstRender = performance.now() - t1;
  const plain = new Renderer({ highlight: false });
  const problems = [];
  if (first.highlightPending) problems.push('the highlighter was not used');
  const spans = (first.contentHtml.match(/<span style="color:/g) ?? []).length;
  if (spans < 200) problems.push(`only ${spans} coloured spans`);
  return {
    bytes: new TextEncoder().encode(doc).length,
    load,
    firstRender,
    spans,
    withColour: measure((source) => coloured.render(source).pageHtml.length, texts),
    without: measure((source) => plain.render(source).pageHtml.length, texts),
    problems,
  };
}

/**
 * A post of a real theme's documentation (`make bench` prepares the site with `themes.py
 * --prepare`, served under `url` with its manifest): the site loaded as hugo-preview/cms
 * loads one, one Renderer for it, then typing in the post. The sample post is measured again
 * alongside, in the same conditions, for the ratio.
 */
async function themePost(url, path) {
  const list = await prepareEngines();
  const { loadSite } = await import('/pkg/cms.js');
  const t0 = performance.now();
  const site = await loadSite({ url });
  const load = performance.now() - t0;
  await loadHighlighter();
  const t1 = performance.now();
  const renderer = new Renderer({ files: site.files, binaryFiles: site.binaryFiles, path });
  const build = performance.now() - t1;
  const source = site.files[`content/${path}`];
  const problems = [...site.problems];
  if (source === undefined) {
    problems.push(`content/${path} is not in the site's manifest`);
    return { problems };
  }
  const t2 = performance.now();
  const first = renderer.render(source);
  const firstRender = performance.now() - t2;
  const errors = first.diagnostics.filter((d) => d.severity === 'error');
  for (const error of errors) problems.push(`${path}: ${error.message}`);
  const run = (text) => renderer.render(text).pageHtml.length;
  const sample = (await documents())[0].text;
  return {
    files: Object.keys(site.files).length,
    bytes: new TextEncoder().encode(source).length,
    outputBytes: first.contentHtml.length,
    load,
    build,
    firstRender,
    typing: measure(run, keystrokes(source, 64)),
    sample: measure(list[0].run, keystrokes(sample, 64)),
    problems,
  };
}

window.bench = { firstRender, compare, memory, warm, highlighting, themePost, crossOriginIsolated: self.crossOriginIsolated };
window.benchReady = true;
