// Bundles the demo editor's page script (www/app.js, with morphdom, CodeMirror 6 and the
// package's CodeMirror extension from pkg/codemirror.js) with esbuild into target/www/app.js,
// which scripts/serve.mjs serves at /build/app.js: the page loads nothing from another origin.
// The worker (www/worker.js) is not bundled: it imports the package's web build from /pkg/.
//   node scripts/build-demo.mjs
import { build } from 'esbuild';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

export async function buildDemo() {
  await build({
    entryPoints: [join(root, 'www', 'app.js')],
    bundle: true,
    format: 'esm',
    target: 'es2022',
    outfile: join(root, 'target', 'www', 'app.js'),
    logLevel: 'warning',
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await buildDemo();
