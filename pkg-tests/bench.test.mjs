// `make bench` must keep working: a quick run (a few renders of each engine and document)
// exits 0, and prints every figure it promises. The figures themselves are not checked.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

test('the browser benchmark runs every engine on every document', { timeout: 300_000 }, async () => {
  const { stdout } = await promisify(execFile)('node', ['bench/browser.mjs'], {
    cwd: root,
    env: { ...process.env, BENCH_QUICK: '1', BENCH_RENDERS: '100', FIRST_RENDER_PAGES: '1' },
  });
  for (const line of [
    /Fresh page, median of 1 \(ms\): instantiate [\d.]+, Renderer with the site [\d.]+, first render of the sample [\d.]+/,
    /Returning visit .*first render [\d.]+/,
    /sample post +27455 +[\d.]+ +[\d.]+ +[\d.]+ +[\d.]+ +[\d.]+ +[\d.]+ +[\d.]+× +[\d.]+×/,
    /ten copies +\d+ /,
    /shortcode-heavy +\d+ /,
    /Memory over 100 renders .*WebAssembly memory [\d.]+ MB → [\d.]+ MB/,
  ]) {
    assert.match(stdout, line);
  }
});
