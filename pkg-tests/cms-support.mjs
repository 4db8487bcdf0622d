// Shared by the CMS preview's browser tests (cms-decap.test.mjs, cms-sveltia.test.mjs): a page
// bundled with esbuild from the installed package (`hugo-preview/cms`, as a user's build imports
// it) and the CMS from the repository's node_modules (npm install --offline cannot resolve
// Decap's hundreds of dependencies from the cache; the CMS is not what is under test), served
// with the sample post and the sample site on 127.0.0.1.
import { cpSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { openPackagePage } from './browser-harness.mjs';
import { projectDir, root, samplePost, shared } from './support.mjs';

export const POST = 'facebook-down.md';
export const imageCalls = (samplePost().match(/\{\{< image\b/g) ?? []).length;

/** Bundles `entry` (module source) into the project as `name/`, with code splitting. */
export async function bundle(name, entry) {
  const file = join(projectDir, `${name}-entry.mjs`);
  writeFileSync(file, entry);
  const esbuild = createRequire(join(projectDir, 'package.json'))('esbuild');
  await esbuild.build({
    entryPoints: [file],
    bundle: true,
    splitting: true,
    format: 'esm',
    target: 'es2022',
    outdir: join(projectDir, name),
    entryNames: 'page',
    nodePaths: [join(root, 'node_modules')],
    define: { 'process.env.NODE_ENV': '"production"' },
    logLevel: 'error',
  });
  return `/${name}/page.js`;
}

/** Copies files a bundled package loads by `new URL(…, import.meta.url)` next to the bundle. */
export function copyBesideBundle(name, from, to) {
  cpSync(join(root, 'node_modules', from), join(projectDir, name, to), { recursive: true });
}

/** The page, with the sample post at /sample/ and the sample site at /sample-site/. */
export function openCmsPage({ csp, script }) {
  return openPackagePage({
    head: `<meta http-equiv="Content-Security-Policy" content="${csp}">`,
    body: `<script type="module" src="${script}"></script>`,
    mounts: {
      '/sample/': join(shared, 'samples'),
      '/sample-site/': join(root, 'www', 'sample-site'),
      '/preview.css': join(root, 'www', 'preview.css'),
    },
    viewport: { width: 1400, height: 900 },
  });
}

/**
 * The page script's part that both CMSes share: records each render (`window.renders`: time,
 * milliseconds, the file rendered) and each keydown's time (`window.keyAt`), for the
 * keystroke-to-preview measure.
 */
export const RECORDER = `
window.renders = [];
window.keyAt = 0;
addEventListener('keydown', () => { window.keyAt = performance.now(); }, true);
const onResult = (result, info) => {
  window.renders.push({ at: performance.now(), ms: info.ms, source: info.source, bodyLine: info.bodyLine, path: info.path, errors: result.diagnostics.filter((d) => d.severity === 'error').length });
};
`;

/** The payloads typed into a body: none may run (with raw HTML on, so they reach the sanitizer). */
export const PAYLOADS = [
  '<script>parent.__ran = true; window.__ran = true</script>',
  '<img src=x onerror="parent.__ran = true; window.__ran = true">',
  '[payload link](javascript:parent.__ran=true)',
  '{{< image src="javascript:parent.__ran=true" title="payload image" >}}',
  '<svg><animate onbegin="parent.__ran = true" attributeName=x dur=1s></svg>',
];

/** Median and maximum of numbers. */
export function summary(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return { median: sorted[Math.floor(sorted.length / 2)], max: sorted[sorted.length - 1], n: sorted.length };
}

/**
 * Types `count` characters one at a time (the caret already in the body), each time waiting
 * until the preview shows the text with it, and returns the keystroke-to-preview times: from
 * the keydown to the end of the render that painted it (`onResult` runs after the DOM patch).
 */
export async function measureKeystrokes(page, previewText, count = 20) {
  const letters = 'abcdefghijklmnopqrstuvwxyz';
  const times = [];
  await page.keyboard.type(' Q');
  let typed = 'Q';
  await previewText(typed);
  for (let i = 0; i < count; i += 1) {
    const letter = letters[i % letters.length];
    await page.keyboard.press(letter);
    typed += letter;
    await previewText(typed);
    times.push(
      await page.evaluate((text) => {
        const painted = window.renders.find((r) => r.at >= window.keyAt && r.source.includes(text));
        return painted.at - window.keyAt;
      }, typed),
    );
  }
  return times;
}

/** Checks made after the payloads were typed, in the preview's document `frame`. */
export async function payloadHazards(frame) {
  return frame.evaluate(() => {
    const found = [];
    for (const el of document.querySelectorAll('*')) {
      if (/^(script|iframe|object|embed|base|meta|link|style|form)$/i.test(el.localName) && el.closest('.hugo-preview-cms-output')) {
        found.push(`<${el.localName}>`);
      }
      for (const { name, value } of el.attributes) {
        if (/^on/i.test(name)) found.push(`${el.localName} ${name}`);
        if (/^\s*(javascript|vbscript):/i.test(value)) found.push(`${el.localName} ${name}=${value}`);
      }
    }
    return found;
  });
}
