// A headless Chromium (Debian's, through playwright-core) on a page that has imported the
// installed package's web build as `window.hp`, served from 127.0.0.1. It records every
// request and dialog. `head` adds markup to the page's <head> (a CSP, say); `body` replaces the
// page's script.
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { extname, join, normalize } from 'node:path';
import { chromium } from 'playwright-core';
import { projectDir } from './support.mjs';

const TYPES = {
  '.html': 'text/html',
  '.js': 'text/javascript',
  '.wasm': 'application/wasm',
  '.json': 'application/json',
  '.css': 'text/css',
  '.md': 'text/markdown; charset=utf-8',
  '.toml': 'text/plain; charset=utf-8',
  '.woff2': 'font/woff2',
};

export const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
  '--no-first-run'];

export async function openPackagePage({ head = '', body = '', mounts = {}, viewport } = {}) {
  // `body` replaces the page's script (a bundle built into the project, say); it sets
  // `window.ready` when the page is ready.
  const html = `<!doctype html><meta charset="utf-8">${head}<title>package test</title>
${body || `<script type="module">
  import init, * as hp from '/node_modules/hugo-preview/web.js';
  await init();
  window.hp = hp;
  window.ready = true;
</script>`}`;
  const server = createServer((req, res) => {
    const path = new URL(req.url, 'http://127.0.0.1').pathname;
    if (path === '/' || path === '/index.html') {
      res.writeHead(200, { 'content-type': 'text/html' }).end(html);
      return;
    }
    const [prefix, base] = Object.entries(mounts).find(([prefix]) => path.startsWith(prefix)) ?? ['/', projectDir];
    let file = null;
    try {
      // The XSS suite's pages ask for malformed escapes: those are not found.
      file = normalize(join(base, decodeURIComponent(path.slice(prefix.length))));
    } catch {}
    if (!file?.startsWith(base) || !existsSync(file) || !statSync(file).isFile()) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
    createReadStream(file).pipe(res);
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: CHROMIUM_ARGS,
  });
  const page = await browser.newPage(viewport ? { viewport } : {});
  const requests = [];
  const dialogs = [];
  const byRequest = new Map();
  page.on('request', (request) => {
    const entry = { url: request.url(), type: request.resourceType(), failure: null };
    byRequest.set(request, entry);
    requests.push(entry);
  });
  // A request the page's CSP refused never reaches the network; it is kept with its reason.
  page.on('requestfailed', (request) => {
    const entry = byRequest.get(request);
    if (entry) entry.failure = request.failure()?.errorText ?? 'failed';
  });
  page.on('dialog', (dialog) => {
    dialogs.push(dialog.message());
    dialog.dismiss().catch(() => {});
  });
  page.on('console', (message) => {
    const text = message.text();
    // Refused loads are expected (the XSS page's CSP refuses remote frames and images).
    const expected = text.startsWith('Failed to load resource') || text.includes('violates the following Content Security Policy');
    if (message.type() === 'error' && !expected) {
      console.log(`page console: ${text.split('\n')[0]}`);
    }
  });
  await page.goto(`http://127.0.0.1:${server.address().port}/`);
  await page.waitForFunction(() => window.ready === true);
  return {
    page,
    requests,
    dialogs,
    async close() {
      await browser.close();
      server.close();
    },
  };
}
