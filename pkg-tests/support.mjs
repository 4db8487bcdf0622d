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
