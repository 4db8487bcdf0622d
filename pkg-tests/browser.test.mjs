// The packed npm package's web build in headless Chromium (Debian's, through
// playwright-core): a page imports it as a browser without a bundler would.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { openPackagePage } from './browser-harness.mjs';
import {
  hostileInputs,
  MEMORY_RENDERS,
  MEMORY_WARM_UP,
  samplePost,
  sampleSite,
  sessionText,
  twoPosts,
  utf16Fixture,
} from './support.mjs';

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
  assert.ok(urls.some((url) => url.endsWith('/bundler/hugo_preview_bg.wasm')), urls.join('\n'));
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

test('KaTeX (math/katex.js) is fetched only when a page has a formula; then transform.ToMath gives MathML', async () => {
  const katexRequests = () => requests.filter((r) => r.url.endsWith('/math/katex.js')).length;
  assert.equal(katexRequests(), 0, 'not fetched before a formula');
  const shortcode = '{{ transform.ToMath (.Get 0) (dict "displayMode" true) }}';
  const source = '{{< m `\\frac{a}{b} + \\ce{H2O}` >}}';
  const before = await page.evaluate(
    ({ shortcode, source }) => {
      window.mathRenderer = new window.hp.Renderer({ shortcodes: { m: shortcode } });
      return window.mathRenderer.render(source);
    },
    { shortcode, source },
  );
  assert.equal(before.mathPending, true);
  const after = await page.evaluate(async (source) => {
    await window.hp.loadMath();
    return window.mathRenderer.render(source);
  }, source);
  assert.equal(after.mathPending, false);
  assert.match(after.contentHtml, /^<span class="katex"><math xmlns="http:\/\/www.w3.org\/1998\/Math\/MathML" display="block"><semantics><mrow><mfrac><mi>a<\/mi><mi>b<\/mi><\/mfrac>/);
  assert.equal(katexRequests(), 1, 'fetched once');
  const mathNodes = await page.evaluate((html) => {
    const box = document.createElement('div');
    box.innerHTML = html;
    return box.querySelectorAll('math mfrac, math semantics annotation').length;
  }, after.contentHtml);
  assert.equal(mathNodes, 2, 'the browser builds MathML from it');
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

test('memory stays flat over 10,000 renders while typing in two posts, in Chromium', async () => {
  // The session's texts are made in the page (sent as 10,000 strings they would be 400 MB):
  // sessionText goes there as source text, with the run that uses it.
  const run = ({ site, posts, warmUp, renders }) => {
    const renderer = new window.hp.Renderer(site);
    let i = 0;
    for (; i < warmUp; i += 1) renderer.render(sessionText(posts, i));
    const warmed = window.hp.memoryBytes();
    const times = [];
    let typedShown = 0;
    for (; i < warmUp + renders; i += 1) {
      const text = sessionText(posts, i);
      const started = performance.now();
      const out = renderer.render(text);
      times.push(performance.now() - started);
      if (i % 1000 === 0 && /\d+: t/.test(out.contentHtml)) typedShown += 1;
    }
    times.sort((a, b) => a - b);
    const at = (p) => times[Math.floor((times.length - 1) * p)];
    return { warmed, after: window.hp.memoryBytes(), p50: at(0.5), p95: at(0.95), typedShown };
  };
  const { site, posts } = twoPosts();
  const argument = { site, posts, warmUp: MEMORY_WARM_UP, renders: MEMORY_RENDERS };
  const result = await page.evaluate(`(() => {
    const sessionText = ${sessionText.toString()};
    return (${run.toString()})(${JSON.stringify(argument)});
  })()`);
  console.log(
    `chromium: typing in two posts p50 ${result.p50.toFixed(2)} ms, p95 ${result.p95.toFixed(2)} ms; memory ${result.warmed} B after warm-up, ${result.after} B after 10,000 renders`,
  );
  assert.equal(result.typedShown, MEMORY_RENDERS / 1000, 'the typed text should be rendered');
  assert.equal(result.after, result.warmed);
});
