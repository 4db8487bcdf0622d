// The demo's second page: Decap CMS (decap-cms-app, with React as its peer dependency) on its
// in-browser test-repo backend, holding the sample post, with the package's CMS preview
// (hugo-preview/cms) rendering it through the sample site, fetched from /sample-site/ by the
// list in its hugo-preview.json (`hugo-preview manifest`). Bundled with esbuild
// (scripts/build-demo.mjs) into target/www/cms.js, served at /build/cms.js: the page loads
// nothing from another origin.
import CMS from 'decap-cms-app';
import { createElement } from 'react';
import { registerHugoPreview } from '../../pkg/cms.js';

const POST = 'facebook-down.md';

// What the page has rendered, for the browser tests and the curious.
const demo = { renders: 0, lastMs: null, lastResult: null, paintedAt: 0, preview: null };
window.hugoPreviewCms = demo;

async function main() {
  const response = await fetch(`/sample/${POST}`);
  if (!response.ok) throw new Error(`/sample/${POST}: ${response.status}`);
  // The test-repo backend keeps its files in this tree, in memory: nothing is saved.
  window.repoFiles = { content: { posts: { [POST]: { content: await response.text() } } } };

  demo.preview = registerHugoPreview(CMS, {
    // decap-cms-app leaves React to the page: its createElement makes the preview component.
    h: createElement,
    collections: ['posts'],
    site: { url: '/sample-site/' },
    // The article's style, as the editor page uses it.
    styles: ['/preview.css'],
    // The bundle's import.meta.url is /build/cms.js: say where the package's modules are.
    wasm: '/pkg/bundler/hugo_preview_bg.wasm',
    highlighter: '/pkg/highlight/hugo_preview_highlight_bg.wasm',
    onResult(result, { ms }) {
      demo.renders += 1;
      demo.lastMs = ms;
      demo.lastResult = result;
      demo.paintedAt = performance.now();
    },
  });

  CMS.init({
    config: {
      load_config_file: false,
      backend: { name: 'test-repo' },
      // "Go back to site": the demo's editor page.
      site_url: '/',
      media_folder: 'static/images',
      public_folder: '/images',
      collections: [
        {
          name: 'posts',
          label: 'Posts',
          folder: 'content/posts',
          extension: 'md',
          format: 'toml-frontmatter',
          create: true,
          fields: [
            { name: 'title', label: 'Title', widget: 'string' },
            { name: 'description', label: 'Description', widget: 'text', required: false },
            { name: 'date', label: 'Date', widget: 'string', required: false },
            { name: 'tags', label: 'Tags', widget: 'list', required: false },
            { name: 'toc', label: 'Table of contents', widget: 'boolean', required: false },
            // Raw Markdown: the rich text mode would rewrite the shortcodes' Markdown.
            { name: 'body', label: 'Body', widget: 'markdown', modes: ['raw'] },
          ],
        },
      ],
    },
  });
}

main().catch((error) => {
  document.body.textContent = `The CMS demo could not start: ${error.message}`;
  console.error(error);
});
