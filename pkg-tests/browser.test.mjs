// The packed npm package's web build in headless Chromium (Debian's, through
// playwright-core): a page imports it as a browser without a bundler would.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { openPackagePage } from './browser-harness.mjs';
import { hostileInputs, samplePost, sampleSite, utf16Fixture } from './support.mjs';

let harness;
let page;
let requests;
let dialogs;

before(async () => {
  harness = await openPackagePage();
  ({ page, dialogs, requests } = harness);
});

after(async () => {
  await harness?.close();
});

test('the optimized web build loads, and nothing leaves 127.0.0.1', async () => {
  assert.match(await page.evaluate(() => window.hp.version()), /^\d+\.\d+\.\d+/);
  const urls = requests.map((r) => r.url);
  assert.ok(urls.some((url) => url.endsWith('/web/hugo_preview_bg.wasm')), urls.join('\n'));
  assert.deepEqual(urls.filter((url) => !url.startsWith('http://127.0.0.1:')), []);
});

test('the sample post renders in the browser, with a template and a JavaScript shortcode', async () => {
  const out = await page.evaluate(
    ({ source, site }) => {
      const renderer = new window.hp.Renderer(site);
      renderer.registerShortcode('tweet', (call) => `<p class="my-tweet">${call.params.user}</p>`);
      const started = performance.now();
      const out = renderer.render(source);
      return { ...out, ms: performance.now() - started };
    },
    { source: samplePost(), site: sampleSite() },
  );
  assert.equal(out.page.title, 'Lessons learnt from FacebookDown');
  assert.ok((out.contentHtml.match(/<figure/g) ?? []).length >= 3);
  assert.equal((out.contentHtml.match(/<p class="my-tweet">/g) ?? []).length, 2, 'the function replaced tweet');
  assert.match(out.contentHtml, /class="footnotes"/);
  assert.ok(out.toc.length >= 5);
  assert.deepEqual(out.diagnostics.filter((d) => d.severity === 'error'), []);
});

test('diagnostics carry UTF-16 offsets in the browser too', async () => {
  const cases = utf16Fixture().cases;
  const got = await page.evaluate(
    (cases) =>
      cases.map((c) =>
        window.hp.render(c.source, c.options).diagnostics.map((d) =>
          d.file === null ? { ...d, text: c.source.slice(d.start, d.end) } : d,
        ),
      ),
    cases,
  );
  cases.forEach((c, i) => assert.deepEqual(got[i], c.diagnostics, c.name));
});

test('hostile input never throws and never yields script', async () => {
  const results = await page.evaluate(
    (inputs) =>
      inputs.map(({ name, input }) => {
        try {
          const out = window.hp.render(input, { markup: { goldmark: { unsafe: true } } });
          // As the browser parses it: no script elements, no on* attributes, no script URLs.
          const doc = new DOMParser().parseFromString(out.pageHtml, 'text/html');
          const bad = [...doc.querySelectorAll('*')].filter(
            (el) =>
              /^(SCRIPT|IFRAME|OBJECT|EMBED|BASE|META|FORM)$/.test(el.tagName) ||
              [...el.attributes].some(
                (a) => /^on/i.test(a.name) || /^\s*(javascript|vbscript):/i.test(a.value),
              ),
          );
          return { name, ok: bad.length === 0, bad: bad.map((el) => el.outerHTML.slice(0, 80)) };
        } catch (error) {
          return { name, ok: false, error: String(error) };
        }
      }),
    hostileInputs(),
  );
  assert.deepEqual(results.filter((r) => !r.ok), []);
  assert.deepEqual(dialogs, []);
});

test('a trap fails one call; the next call and renderers work', async () => {
  const result = await page.evaluate(() => {
    const renderer = new window.hp.Renderer({ shortcodes: { hi: '<b>hi</b>' } });
    let crash = null;
    try {
      window.hp.__trapForTests('boom');
    } catch (error) {
      crash = { name: error.name, message: error.message };
    }
    return { crash, after: renderer.render('{{< hi >}}').contentHtml, plain: window.hp.render('*x*').contentHtml };
  });
  assert.equal(result.crash.name, 'HugoPreviewCrash');
  assert.match(result.crash.message, /boom/);
  assert.equal(result.after, '<b>hi</b>\n', 'a call alone in its paragraph takes the <p> with it, as in Hugo');
  assert.equal(result.plain, '<p><em>x</em></p>\n');
});

test('memory stays flat over 10,000 renders of the sample in Chromium', async () => {
  const result = await page.evaluate(
    ({ source, site }) => {
      const renderer = new window.hp.Renderer(site);
      for (let i = 0; i < 200; i++) renderer.render(source);
      const warmed = window.hp.memoryBytes();
      const times = [];
      for (let i = 0; i < 10_000; i++) {
        const started = performance.now();
        renderer.render(source);
        times.push(performance.now() - started);
      }
      times.sort((a, b) => a - b);
      return { warmed, after: window.hp.memoryBytes(), p50: times[5000], p95: times[9500] };
    },
    { source: samplePost(), site: sampleSite() },
  );
  console.log(
    `chromium: sample p50 ${result.p50.toFixed(2)} ms, p95 ${result.p95.toFixed(2)} ms; memory ${result.warmed} B after warm-up, ${result.after} B after 10,000 renders`,
  );
  assert.equal(result.after, result.warmed);
});
