// Serves the demo editor: www/ at /, the built package at /pkg/, the bundled page script
// (scripts/build-demo.mjs) at /build/, and
// the sample post at /sample/. Listens on 127.0.0.1 only. Used by `make demo` and by the
// demo's browser tests (which import startServer and close it when done).
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { dirname, extname, join, normalize, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.wasm': 'application/wasm',
  '.json': 'application/json',
  '.md': 'text/markdown; charset=utf-8',
  '.toml': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
};

export function startServer({ port = 8080, shared = resolve(root, '../shared') } = {}) {
  const mounts = [
    ['/pkg/', join(root, 'pkg')],
    ['/build/', join(root, 'target', 'www')],
    ['/sample/', join(shared, 'samples')],
    ['/', join(root, 'www')],
  ];
  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url, 'http://127.0.0.1').pathname);
    const [prefix, base] = mounts.find(([prefix]) => path === prefix || path.startsWith(prefix));
    let file = prefix.endsWith('/') ? normalize(join(base, path.slice(prefix.length))) : base;
    if (prefix.endsWith('/') && !file.startsWith(base)) {
      res.writeHead(403).end();
      return;
    }
    if (existsSync(file) && statSync(file).isDirectory()) file = join(file, 'index.html');
    if (!existsSync(file) || !statSync(file).isFile()) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    res.writeHead(200, {
      'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
      'cache-control': 'no-cache',
      'x-content-type-options': 'nosniff',
    });
    createReadStream(file).pipe(res);
  });
  return new Promise((resolvePromise, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolvePromise(server));
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const port = Number(process.env.PORT ?? 8080);
  const server = await startServer({ port, shared: resolve(root, process.env.SHARED || '../shared') });
  console.log(`hugo-preview demo: http://127.0.0.1:${server.address().port}/ (Ctrl-C stops it)`);
}
