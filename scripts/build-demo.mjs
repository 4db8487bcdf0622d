// Bundles the demo's page scripts with esbuild into target/www/, which scripts/serve.mjs serves
// at /build/: the page loads nothing from another origin.
// - www/app.js (the editor: morphdom, CodeMirror 6 and the package's CodeMirror extension from
//   pkg/codemirror.js) into app.js; its worker (www/worker.js) is not bundled: it imports the
//   package's web build from /pkg/.
// - www/cms/app.js (the CMS page: decap-cms-app, React, the package's CMS preview from
//   pkg/cms.js) into cms.js.
//   node scripts/build-demo.mjs
import { build } from 'esbuild';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

export async function buildDemo() {
  const common = { bundle: true, format: 'esm', target: 'es2022', logLevel: 'warning' };
  await Promise.all([
    build({ ...common, entryPoints: [join(root, 'www', 'app.js')], outfile: join(root, 'target', 'www', 'app.js') }),
    build({
      ...common,
      entryPoints: [join(root, 'www', 'cms', 'app.js')],
      outfile: join(root, 'target', 'www', 'cms.js'),
      // React's and Decap's production builds (their development checks are for their authors).
      define: { 'process.env.NODE_ENV': '"production"' },
      minify: true,
    }),
  ]);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await buildDemo();
