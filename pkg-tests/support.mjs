// Shared by the package tests: where things are, the sample post and site, the fixtures.
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const projectDir = join(root, 'test-output', 'pkg-project');
/** The sample post and the corpora: `../shared`, or `$SHARED` (relative to the repository). */
export const shared = resolve(root, process.env.SHARED || '../shared');

/** The package as a user's code imports it (`import … from 'hugo-preview'` in Node). */
export async function importPackage() {
  return import(pathToFileURL(join(projectDir, 'entry.mjs')).href);
}

export const samplePost = () => readFileSync(join(shared, 'samples', 'facebook-down.md'), 'utf8');

/** The sample site's config and shortcode templates, as Renderer options. */
export function sampleSite() {
  const site = join(root, 'www', 'sample-site');
  const template = (name) => readFileSync(join(site, 'layouts', 'shortcodes', `${name}.html`), 'utf8');
  return {
    siteConfig: readFileSync(join(site, 'hugo.toml'), 'utf8'),
    shortcodes: { image: template('image'), reflangtitle: template('reflangtitle') },
  };
}

/**
 * The two posts of the memory tests and a site that renders both: the sample post with the
 * sample site, and the benchmark's shortcode-heavy post (440 calls) with its templates.
 */
export function twoPosts() {
  const site = sampleSite();
  const bench = join(root, 'bench');
  for (const name of ['note', 'specs']) {
    site.shortcodes[name] = readFileSync(join(bench, 'site', 'layouts', 'shortcodes', `${name}.html`), 'utf8');
  }
  const heavy = readFileSync(join(bench, 'documents', 'shortcode-heavy.md'), 'utf8');
  return { site, posts: [samplePost(), heavy] };
}

/**
 * Text number `i` of an editing session over `posts`, typed as the benchmark types
 * (bench/page.js `keystrokes`): one more character each render, at the end of a paragraph
 * near the middle of the post; every `switchEvery` renders the editor moves to the next post
 * and goes on typing there. After 200 characters the typed text starts again with the next
 * round's number, so no text comes back: every render cleans its changed block anew, and
 * every switch finds none of the post's pieces in the sanitizer's cache (it keeps only the
 * render before). Self-contained, so that a browser test can send it to the page as text.
 */
export function sessionText(posts, i, switchEvery = 50) {
  const letters = 'the quick brown fox jumps over the lazy dog ';
  const source = posts[Math.floor(i / switchEvery) % posts.length];
  // Keystrokes made in this post before this one.
  const made = Math.floor(i / (switchEvery * posts.length)) * switchEvery + (i % switchEvery);
  let typed = `${Math.floor(made / 200)}: `;
  for (let c = 0; c <= made % 200; c += 1) typed += letters[c % letters.length];
  const middle = source.indexOf('\n\n', Math.floor(source.length / 2));
  const at = middle < 0 ? source.length : middle;
  return `${source.slice(0, at)} ${typed}${source.slice(at)}`;
}

/**
 * Renders in the memory tests: a warm-up, then the measured ones. WebAssembly memory only
 * grows: while the allocator meets the session's largest pieces for the first time it grows
 * in steps, then stays. Since issue 23's policy keeps more markup, those steps go on until
 * between 2,000 and 4,000 renders of this session (Node: 3,342,336 B at 2,000, then 3,538,944 B
 * from 4,000 to 42,000 renders; Chromium: a step after 200), so both memory tests warm up with
 * 4,000 renders and then require the 10,000 that follow to add nothing. Since our crate is built
 * for size (issue 24, README Size and speed), a module that has been reset after a trap (as the
 * Chromium test's page has) takes its last step at 13,000 renders (Node: 3,211,264 B at 1,000,
 * 3,407,872 B from 13,000 to 100,000 renders; a fresh module: 3,145,728 B from 2,000 to
 * 40,000), so both warm up with 14,000.
 */
export const MEMORY_WARM_UP = 14_000;
export const MEMORY_RENDERS = 10_000;

export const utf16Fixture = () =>
  JSON.parse(readFileSync(join(root, 'tests', 'fixtures', 'utf16-diagnostics.json'), 'utf8'));

/**
 * Hostile inputs: the shared corpora's crash regressions (inputs that once crashed
 * pulldown-cmark or ammonia) and pathological patterns (cmark's and pulldown-cmark's), each
 * pattern repeated `repeat` times (a few thousand: big enough to show a blow-up).
 */
export function hostileInputs(repeat = 3000) {
  const load = (name) => JSON.parse(readFileSync(join(shared, 'corpus', name), 'utf8'));
  const inputs = load('crash-regressions.json').map((c) => ({ name: c.source, input: c.input }));
  for (const p of load('pathological.json')) {
    const count = Math.min(p.repeat_count_suggested ?? repeat, repeat);
    const suffixCount = Math.min(p.suffix_repeat_count ?? 0, repeat);
    inputs.push({
      name: p.name,
      input:
        (p.pattern_prefix ?? '') +
        (p.repeat_unit ?? '').repeat(count) +
        (p.suffix ?? '') +
        (p.suffix_repeat_unit ?? '').repeat(suffixCount),
    });
  }
  // Our own surfaces: shortcodes, front matter, templates.
  inputs.push(
    { name: 'nested shortcodes', input: '{{< details >}}'.repeat(repeat) },
    { name: 'unclosed shortcodes', input: '{{< figure src="'.repeat(repeat) },
    { name: 'huge parameter list', input: `{{< figure ${'a="b" '.repeat(repeat)}>}}` },
    { name: 'deep front matter', input: `---\n${'- '.repeat(repeat)}x\n---\n` },
    { name: 'lone surrogate halves and NUL', input: '\ud83d x \u0000 {{< x \ude00 >}}' },
  );
  return inputs;
}

/**
 * What in serialized HTML could run script: `<script>` (and other script-capable) elements,
 * `on*` attributes, `javascript:`/`vbscript:` URLs. Attribute values are read as the HTML
 * parser reads them (quoted, entities decoded), so escaped text inside a value is not a hit.
 */
export function scriptHazards(html) {
  const hazards = [];
  const decode = (value) =>
    value
      .replace(/&#x([0-9a-f]+);?/gi, (_, hex) => String.fromCodePoint(parseInt(hex, 16)))
      .replace(/&#(\d+);?/g, (_, dec) => String.fromCodePoint(Number(dec)))
      .replace(/&colon;/gi, ':')
      .replace(/&tab;|&newline;/gi, '')
      .replace(/&quot;/g, '"')
      .replace(/&amp;/g, '&');
  for (const [, name, attrs] of html.matchAll(/<([a-zA-Z][^\s/>]*)((?:\s+[^\s"'>/=]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s>]+))?)*)\s*\/?>/g)) {
    if (/^(script|iframe|object|embed|base|meta|link|style|form|frame|frameset|applet)$/i.test(name)) {
      hazards.push(`<${name}>`);
    }
    for (const [, attr, , double, single, bare] of attrs.matchAll(/([^\s"'>/=]+)(\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+)))?/g)) {
      const value = decode(double ?? single ?? bare ?? '').replace(/[\u0000-\u0020]/g, '');
      if (/^on/i.test(attr)) hazards.push(`${name} ${attr}`);
      if (/^(javascript|vbscript):/i.test(value)) hazards.push(`${name} ${attr}=${value.slice(0, 30)}`);
    }
  }
  return hazards;
}
