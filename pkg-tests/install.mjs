// Packs pkg/ with `npm pack` and installs the tarball into a fresh project under
// test-output/pkg-project, as a user would; the tests import the package from there.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { projectDir, root } from './support.mjs';

const out = join(root, 'test-output');
rmSync(projectDir, { recursive: true, force: true });
mkdirSync(projectDir, { recursive: true });
for (const file of readdirSync(out)) {
  if (file.endsWith('.tgz')) rmSync(join(out, file));
}
const packed = JSON.parse(
  execFileSync('npm', ['pack', join(root, 'pkg'), '--json', '--pack-destination', out], {
    encoding: 'utf8',
  }),
)[0];
const tarball = join(out, packed.filename);
writeFileSync(
  join(projectDir, 'package.json'),
  JSON.stringify({ name: 'uses-hugo-preview', private: true, type: 'module' }, null, 2),
);
// With the CodeMirror packages `hugo-preview/codemirror` names as peer dependencies (the versions
// the repository's own package.json installs: from npm's cache when `npm ci` put them there, else
// from the registry, since `npm ci` caches the packages but not their registry metadata), and esbuild, which
// bundles the test page of pkg-tests/codemirror.test.mjs as a user's build would.
const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const alongside = Object.entries(manifest.devDependencies)
  .filter(([name]) => name.startsWith('@codemirror/') || name === 'esbuild')
  .map(([name, version]) => `${name}@${version}`);
execFileSync('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', tarball, ...alongside], {
  cwd: projectDir,
  stdio: 'inherit',
});
// An entry module inside the project, so that the bare specifier resolves as in a user's code.
writeFileSync(
  join(projectDir, 'entry.mjs'),
  "export * from 'hugo-preview';\nexport { default } from 'hugo-preview';\n",
);
writeFileSync(join(projectDir, 'cms-entry.mjs'), "export * from 'hugo-preview/cms';\n");
const kb = (n) => `${(n / 1024).toFixed(0)} KB`;
console.log(
  `installed ${packed.filename}: ${packed.entryCount} files, ${kb(packed.size)} packed, ${kb(packed.unpackedSize)} unpacked`,
);
