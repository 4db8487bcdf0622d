// The package's three builds share one core .wasm: the installed tarball holds it once, and
// each build finds it. The Node build is exercised by node.test.mjs and the web build by
// browser.test.mjs; here, the bundler build as a bundler with WebAssembly ES-module
// integration (webpack's asyncWebAssembly) runs it: Node's own ESM integration of .wasm
// (`--experimental-wasm-modules`) resolves `import * as wasm from './…_bg.wasm'` and the
// module's imports exactly as such a bundler does.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { test } from 'node:test';
import { importPackage, projectDir, samplePost, sampleSite } from './support.mjs';

const installed = join(projectDir, 'node_modules', 'hugo-preview');

function filesUnder(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? filesUnder(join(dir, entry.name)) : [join(dir, entry.name)],
  );
}

test('the tarball carries the core .wasm once (and the highlighter and the QR encoder once), no two alike', () => {
  const wasm = filesUnder(installed).filter((file) => file.endsWith('.wasm'));
  assert.deepEqual(wasm.map((file) => relative(installed, file)).sort(), [
    'bundler/hugo_preview_bg.wasm',
    'highlight/hugo_preview_highlight_bg.wasm',
    'qr/hugo_preview_qr_bg.wasm',
  ]);
  const digests = wasm.map((file) => createHash('sha256').update(readFileSync(file)).digest('hex'));
  assert.equal(new Set(digests).size, digests.length);
});

// The project's size decision (README, Size): the core module at most 880 KB gzipped, as
// `gzip -9` measures it (`make size`; Node's zlib at level 9 gives 1 % more); what does not
// fit loads as a module of its own (the highlighter, KaTeX, the QR encoder).
test('the core .wasm is within its budget of 880 KB gzipped', () => {
  const path = join(installed, 'bundler', 'hugo_preview_bg.wasm');
  const gzipped = execFileSync('gzip', ['-9c', path], { maxBuffer: 64 << 20 }).length;
  console.log(`core .wasm: ${readFileSync(path).length} B, ${gzipped} B gzipped (budget ${880 * 1024} B)`);
  assert.ok(gzipped <= 880 * 1024, `${gzipped} B gzipped`);
});

test('the exported .wasm path is the one the builds load', () => {
  const manifest = JSON.parse(readFileSync(join(installed, 'package.json'), 'utf8'));
  assert.equal(manifest.exports['./hugo_preview_bg.wasm'], './bundler/hugo_preview_bg.wasm');
  const web = readFileSync(join(installed, 'web', 'hugo_preview.js'), 'utf8');
  assert.match(web, /new URL\('\.\.\/bundler\/hugo_preview_bg\.wasm', import\.meta\.url\)/);
  const node = readFileSync(join(installed, 'node', 'hugo_preview.js'), 'utf8');
  assert.match(node, /\$\{__dirname\}\/\.\.\/bundler\/hugo_preview_bg\.wasm/);
});

test('the bundler build instantiates through ES-module integration and renders the sample', async () => {
  const script = join(projectDir, 'bundler-entry.mjs');
  writeFileSync(
    script,
    `import init, { Renderer, version } from 'hugo-preview/bundler';
import { readFileSync } from 'node:fs';
await init();
const { site, source } = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const out = new Renderer(site).render(source);
console.log(JSON.stringify({
  version: version(),
  title: out.page.title,
  figures: (out.contentHtml.match(/<figure/g) ?? []).length,
  errors: out.diagnostics.filter((d) => d.severity === 'error').map((d) => d.message),
  contentHtml: out.contentHtml,
}));
`,
  );
  const input = join(projectDir, 'bundler-input.json');
  writeFileSync(input, JSON.stringify({ site: sampleSite(), source: samplePost() }));
  const output = execFileSync(
    process.execPath,
    ['--experimental-wasm-modules', '--no-warnings', script, input],
    { cwd: projectDir, encoding: 'utf8' },
  );
  const result = JSON.parse(output);
  assert.match(result.version, /^\d+\.\d+\.\d+/);
  assert.equal(result.title, 'Lessons learnt from FacebookDown');
  assert.equal(result.figures, 11, 'the image template ran for each figure');
  // Hugo removed `tweet` in 0.156: the sample's two calls are its only errors.
  assert.equal(result.errors.length, 2);
  assert.ok(result.errors.every((message) => message.includes('"tweet"')), result.errors.join('\n'));
  // The same module as the Node build's, so the same page.
  const hp = await importPackage();
  assert.equal(result.contentHtml, new hp.Renderer(sampleSite()).render(samplePost()).contentHtml);
});
