// `make bench`: hugo-preview against markdown-it + markdown-it-footnote + DOMPurify and
// markdown-wasm, in headless Chromium (Debian's, through playwright-core), in one run.
// Prints p50/p95 per document and the ratios, instantiate + first render on fresh pages, and
// memory over 10,000 renders. Figures, not a test: nothing here fails on a slow machine.
//
//   node bench/browser.mjs            (make bench builds the package first)
//   BENCH_RENDERS=10000 FIRST_RENDER_PAGES=5 CHROMIUM=/usr/bin/chromium
//   BENCH_QUICK=1: a few renders of each, to check that it all runs (pkg-tests/bench.test.mjs)
//   BENCH_JS_FLAGS: more V8 flags (--liftoff-only, --no-wasm-lazy-compilation, … to diagnose)
//   BENCH_THEME_SITE: a real theme's site prepared by `themes.py --prepare` (make bench does
//     it when the theme is checked out in THEMES_DIR; default target/bench-theme/hextra), and
//     BENCH_THEME_PAGE its post to type in (below content/; default docs/guide/markdown.md)
// Exits non-zero when the page fails, a request leaves 127.0.0.1, or an engine renders
// nothing or an error box: the figures would then be of something else.
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { dirname, extname, join, normalize, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const shared = resolve(root, process.env.SHARED || '../shared');
const modules = join(root, 'node_modules');
const RENDERS = Number(process.env.BENCH_RENDERS ?? 10000);
const THEME_SITE = resolve(root, process.env.BENCH_THEME_SITE ?? 'target/bench-theme/hextra');
const THEME_PAGE = process.env.BENCH_THEME_PAGE ?? 'docs/guide/markdown.md';
const hasTheme = existsSync(join(THEME_SITE, 'hugo-preview.json'));
const FIRST_RENDER_PAGES = Number(process.env.FIRST_RENDER_PAGES ?? 5);

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.wasm': 'application/wasm',
  '.md': 'text/plain; charset=utf-8',
  '.toml': 'text/plain; charset=utf-8',
};

// URL → file. Directories end with '/'.
const MOUNTS = [
  ['/bench/markdown.wasm', join(modules, 'markdown-wasm/dist/markdown.wasm')],
  ['/lib/markdown-it.js', join(modules, 'markdown-it/dist/browser/markdown-it.esm.min.mjs')],
  ['/lib/markdown-it-footnote.js', join(modules, 'markdown-it-footnote/dist/markdown-it-footnote.min.js')],
  ['/lib/dompurify.js', join(modules, 'dompurify/dist/purify.es.mjs')],
  ['/lib/markdown-wasm.js', join(modules, 'markdown-wasm/dist/markdown.es.js')],
  ['/bench/', join(root, 'bench')],
  ['/pkg/', join(root, 'pkg')],
  ['/www/', join(root, 'www')],
  ['/sample/', join(shared, 'samples')],
  ['/corpus/', join(root, 'tests/highlight/corpus')],
];
// Mounted only when prepared: theme code is never in the repository (the check below is for
// the mounts every run needs).
const THEME_MOUNT = ['/theme/', THEME_SITE];

function serve() {
  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url, 'http://127.0.0.1').pathname);
    const mount = MOUNTS.find(([prefix]) => path === prefix || (prefix.endsWith('/') && path.startsWith(prefix)));
    let file = null;
    if (mount) {
      const [prefix, base] = mount;
      file = prefix.endsWith('/') ? normalize(join(base, path.slice(prefix.length))) : base;
      if (prefix.endsWith('/') && !file.startsWith(base)) file = null;
    }
    if (!file || !existsSync(file) || !statSync(file).isFile()) {
      res.writeHead(404).end();
      return;
    }
    // Cross-origin isolation gives performance.now() 5 µs resolution instead of 100 µs.
    res.writeHead(200, {
      'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
      'cross-origin-opener-policy': 'same-origin',
      'cross-origin-embedder-policy': 'require-corp',
      // Cacheable, so that a returning visit can use Chromium's cache of compiled code.
      'cache-control': 'max-age=600',
    });
    createReadStream(file).pipe(res);
  });
  return new Promise((done) => server.listen(0, '127.0.0.1', () => done(server)));
}

for (const [, file] of MOUNTS) {
  if (!existsSync(file)) {
    console.error(`bench: ${file} is missing (run \`make pkg\` and \`npm ci\` first)`);
    process.exit(2);
  }
}
if (hasTheme) MOUNTS.push(THEME_MOUNT);

const server = await serve();
const base = `http://127.0.0.1:${server.address().port}`;
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
    '--disable-component-update', '--disable-sync', '--no-first-run',
    '--enable-precise-memory-info', `--js-flags=--expose-gc ${process.env.BENCH_JS_FLAGS ?? ''}`],
});

async function openPage() {
  const context = await browser.newContext();
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('request', (request) => {
    if (!request.url().startsWith(base)) errors.push(`request left 127.0.0.1: ${request.url()}`);
  });
  await page.goto(`${base}/bench/page.html${process.env.BENCH_QUICK ? '?quick' : ''}`);
  await page.waitForFunction(() => window.benchReady === true || false, null, { timeout: 60000 })
    .catch((error) => { throw new Error(`the bench page did not load: ${errors.join('; ') || error.message}`); });
  return { context, page, errors };
}

const ms = (x) => x.toFixed(2).padStart(8);
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const mb = (bytes) => (bytes / (1024 * 1024)).toFixed(2);

try {
  console.log(`Chromium ${browser.version()}, ${new Date().toISOString()}`);

  // 1. Instantiate + first render, each on a fresh context (no HTTP or code cache).
  const firsts = [];
  for (let i = 0; i < FIRST_RENDER_PAGES; i += 1) {
    const { context, page } = await openPage();
    firsts.push(await page.evaluate(() => window.bench.firstRender()));
    await context.close();
  }
  const pick = (key) => median(firsts.map((f) => f[key]));
  console.log(`\nFresh page, median of ${firsts.length} (ms): instantiate ${pick('instantiate').toFixed(1)}, `
    + `Renderer with the site ${pick('renderer').toFixed(1)}, first render of the sample ${pick('firstRender').toFixed(1)}, `
    + `together ${pick('total').toFixed(1)} (target < 50); second render ${pick('secondRender').toFixed(1)}`);

  // 1b. A returning visit: the same browser profile loads the page again, with the HTTP
  // cache and Chromium's cache of compiled WebAssembly warm from earlier visits.
  {
    const { context, page } = await openPage();
    await page.evaluate(() => window.bench.firstRender());
    await page.evaluate(() => window.bench.warm(300));
    const returning = [];
    for (let i = 0; i < FIRST_RENDER_PAGES; i += 1) {
      await page.reload();
      await page.waitForFunction(() => window.benchReady === true, null, { timeout: 60000 });
      returning.push(await page.evaluate(() => window.bench.firstRender()));
    }
    await context.close();
    const again = (key) => median(returning.map((f) => f[key]));
    console.log(`Returning visit (reloads in one profile), median of ${returning.length} (ms): instantiate ${again('instantiate').toFixed(1)}, `
      + `Renderer ${again('renderer').toFixed(1)}, first render ${again('firstRender').toFixed(1)}, together ${again('total').toFixed(1)}; `
      + `second render ${again('secondRender').toFixed(1)}`);
  }

  // 2. Side by side, while typing.
  const { context, page, errors } = await openPage();
  const isolated = await page.evaluate(() => window.bench.crossOriginIsolated);
  const rows = await page.evaluate(() => window.bench.compare());
  console.log(`\nRender while typing (one character more per render), ms${isolated ? '' : ' (timer not isolated: 0.1 ms resolution)'}`);
  console.log(`${'document'.padEnd(16)} ${'bytes'.padStart(7)}  ${'hugo-preview'.padStart(17)}  ${'markdown-it+DOMPurify'.padStart(21)}  ${'markdown-wasm'.padStart(17)}  ${'vs md-it'.padStart(8)}  ${'vs md-wasm'.padStart(10)}  unchanged text`);
  console.log(`${''.padEnd(16)} ${''.padStart(7)}  ${'p50      p95'.padStart(17)}  ${'p50      p95'.padStart(21)}  ${'p50      p95'.padStart(17)}`);
  for (const row of rows) {
    const { ours, markdownit, markdownwasm } = row.engines;
    console.log(`${row.document.padEnd(16)} ${String(row.bytes).padStart(7)}  ${ms(ours.p50)} ${ms(ours.p95)}  `
      + `${ms(markdownit.p50).padStart(12)} ${ms(markdownit.p95)}  ${ms(markdownwasm.p50)} ${ms(markdownwasm.p95)}  `
      + `${(markdownit.p50 / ours.p50).toFixed(2).padStart(7)}×  ${(ours.p50 / markdownwasm.p50).toFixed(2).padStart(8)}×  `
      + `${ms(row.oursUnchanged.p50)} p50`);
  }
  for (const row of rows) {
    if (row.errors > 0) errors.push(`${row.document}: ${row.errors} error diagnostics (the templates did not all run; Hugo's removed built-ins aside)`);
    for (const [engine, bytes] of Object.entries(row.outputBytes)) {
      if (!(bytes > row.bytes / 2)) errors.push(`${row.document}: ${engine} wrote only ${bytes} bytes`);
    }
  }
  const [one, ten] = rows;
  console.log(`\nvs md-it: how many times faster hugo-preview is than markdown-it + footnote + DOMPurify (target ≥ 5×).`);
  console.log(`vs md-wasm: how many times markdown-wasm's Markdown-only parse hugo-preview takes (target ≤ 3×).`);
  console.log(`Ten copies / one copy, hugo-preview p50: ${(ten.engines.ours.p50 / one.engines.ours.p50).toFixed(2)}× (target ≤ 11×)`);

  // 2b. Syntax highlighting: a keystroke outside code on a post with 20 code blocks.
  const colour = await page.evaluate(() => window.bench.highlighting());
  console.log(`\nSyntax highlighting, a post with 20 code blocks (${colour.bytes} bytes, ${colour.spans} coloured spans): `
    + `loading the highlighter module ${colour.load.toFixed(1)} ms, first coloured render ${colour.firstRender.toFixed(1)} ms; `
    + `typing outside code p50 ${colour.withColour.p50.toFixed(2)} ms with colours, ${colour.without.p50.toFixed(2)} ms without `
    + `(+${(colour.withColour.p50 - colour.without.p50).toFixed(2)} ms; target ≤ 1 ms)`);
  errors.push(...colour.problems);

  // 2c. A post on a real theme: its whole site (theme, hooks, shortcodes, config, data).
  if (hasTheme) {
    const theme = await page.evaluate(([url, path]) => window.bench.themePost(url, path), ['/theme/', THEME_PAGE]);
    errors.push(...theme.problems);
    if (theme.typing) {
      const ratio = theme.typing.p50 / theme.sample.p50;
      console.log(`\nA post on a real theme: ${THEME_PAGE} of ${THEME_SITE} (${theme.bytes} bytes, its site ${theme.files} files): `
        + `loading the site ${theme.load.toFixed(1)} ms, Renderer ${theme.build.toFixed(1)} ms, first render ${theme.firstRender.toFixed(1)} ms; `
        + `typing p50 ${theme.typing.p50.toFixed(2)} ms, p95 ${theme.typing.p95.toFixed(2)} ms, `
        + `against the sample post's p50 ${theme.sample.p50.toFixed(2)} ms measured alongside: ${ratio.toFixed(2)}× (target ≤ 2×)`);
    }
  } else {
    console.log(`\nA post on a real theme: skipped, no site prepared at ${THEME_SITE} (make bench prepares it `
      + 'when the theme is checked out in THEMES_DIR: tests/differential/themes/fetch.sh)');
  }

  // 3. Memory over many renders.
  const memory = await page.evaluate((count) => window.bench.memory(count), RENDERS);
  console.log(`\nMemory over ${memory.count} renders of the sample while typing (${memory.msPerRender.toFixed(2)} ms a render): `
    + `WebAssembly memory ${mb(memory.before.wasm)} MB → ${mb(memory.after.wasm)} MB; `
    + `JS heap after GC ${memory.before.heap === null ? '?' : mb(memory.before.heap)} MB → ${memory.after.heap === null ? '?' : mb(memory.after.heap)} MB`);
  if (errors.length) {
    console.error(`\nproblems on the page:\n  ${errors.join('\n  ')}`);
    process.exitCode = 1;
  }
  await context.close();
} finally {
  await browser.close();
  server.close();
}
