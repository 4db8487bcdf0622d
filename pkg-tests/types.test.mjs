// The package's TypeScript declarations: the generated part matches the reviewed snapshot,
// and the whole compiles against real use (and rejects misuse) with `tsc --strict`.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync, copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { projectDir, root } from './support.mjs';

const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc');
const installed = join(projectDir, 'node_modules', 'hugo-preview');

for (const [generated, snapshot] of [
  ['web/hugo_preview.d.ts', 'hugo_preview.d.ts'],
  ['index.d.ts', 'index.d.ts'],
]) {
  test(`${generated} matches pkg-tests/snapshots/${snapshot}`, () => {
    const actual = readFileSync(join(installed, generated), 'utf8');
    const path = join(root, 'pkg-tests', 'snapshots', snapshot);
    if (process.env.UPDATE_SNAPSHOTS === '1' || !existsSync(path)) {
      mkdirSync(join(root, 'pkg-tests', 'snapshots'), { recursive: true });
      writeFileSync(path, actual);
      assert.fail(`wrote ${path}: review it, commit it, run again`);
    }
    assert.equal(actual, readFileSync(path, 'utf8'), `run with UPDATE_SNAPSHOTS=1 after a reviewed change`);
  });
}

function typecheck(file) {
  const dir = join(projectDir, 'types');
  mkdirSync(dir, { recursive: true });
  copyFileSync(file, join(dir, 'usage.ts'));
  writeFileSync(
    join(dir, 'tsconfig.json'),
    JSON.stringify({
      compilerOptions: {
        strict: true,
        noEmit: true,
        target: 'es2022',
        module: 'nodenext',
        moduleResolution: 'nodenext',
        lib: ['es2022', 'dom', 'esnext.disposable'],
        types: [],
      },
      files: ['usage.ts'],
    }),
  );
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ type: 'module' }));
  return execFileSync(process.execPath, [tsc, '-p', dir], { encoding: 'utf8', stdio: 'pipe' });
}

test('the declarations compile against real use with tsc --strict', () => {
  typecheck(join(root, 'pkg-tests', 'types', 'usage.ts'));
});

test('hugo-preview/codemirror\'s declarations compile against real use, with the CodeMirror packages', () => {
  typecheck(join(root, 'pkg-tests', 'types', 'codemirror-usage.ts'));
});

test('hugo-preview/cms\'s declarations compile against real use', () => {
  typecheck(join(root, 'pkg-tests', 'types', 'cms-usage.ts'));
});

test('and reject misuse', () => {
  const misuse = join(projectDir, 'misuse.ts');
  writeFileSync(
    misuse,
    "import { render, Renderer } from 'hugo-preview';\n" +
      "render(42);\n" +
      "render('x', { markup: { goldmark: { unsafe: 'yes' } } });\n" +
      "new Renderer().registerShortcode('x', 'not a function');\n" +
      "const n: number = render('x').contentHtml;\n" +
      "import { hugoPreview } from 'hugo-preview/codemirror';\n" +
      "hugoPreview({ render: (s: string) => s });\n" +
      "hugoPreview({ render: (s: string) => render(s), file: 3 });\n" +
      "import { registerHugoPreview } from 'hugo-preview/cms';\n" +
      "registerHugoPreview({ registerPreviewTemplate() {}, registerPreviewStyle() {} }, { collections: ['x'] });\n" +
      "registerHugoPreview({ registerPreviewTemplate() {}, registerPreviewStyle() {} }, { collections: ['x'], site: { files: {} }, output: 'html' });\n",
  );
  let output = '';
  try {
    typecheck(misuse);
  } catch (error) {
    output = String(error.stdout);
  }
  for (const line of [2, 3, 4, 5, 7, 8, 10, 11]) {
    assert.match(output, new RegExp(`usage\\.ts\\(${line},`), `line ${line} is a type error:\n${output}`);
  }
});
