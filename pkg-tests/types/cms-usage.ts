// Compiled with `tsc --strict` against the installed package (pkg-tests/types.test.mjs):
// `hugo-preview/cms`'s declarations as the README's setup uses them.
import type { Renderer, RenderResult } from 'hugo-preview';
import {
  entryToSource,
  loadSite,
  registerHugoPreview,
  type HugoPreviewCms,
  type PreviewRegistry,
  type RenderInfo,
} from 'hugo-preview/cms';

// What Decap's and Sveltia's CMS objects have (their own types are wider).
declare const CMS: PreviewRegistry & { init(options?: { config?: object }): void };
declare const createElement: (type: any, props?: any, ...children: any[]) => any;

const fromFiles: HugoPreviewCms = registerHugoPreview(CMS, {
  h: createElement,
  collections: ['posts', { name: 'pages', format: 'toml-frontmatter', folder: 'content/pages' }],
  site: { files: { 'hugo.toml': 'title = "x"', 'layouts/_shortcodes/note.html': '<aside>{{ .Inner }}</aside>' } },
  styles: ['/css/main.css'],
});
const fromUrl = registerHugoPreview(CMS, {
  collections: ['posts'],
  site: { url: '/hugo-site/', manifest: 'hugo-preview.json' },
  output: 'content',
  wasm: '/assets/hugo_preview_bg.wasm',
  rendererOptions: { embeds: false, highlight: false },
  onResult: (result: RenderResult, info: RenderInfo) => void [result.pageHtml, info.ms, info.element.tagName],
});
fromUrl.ready.then((renderer: Renderer) => {
  renderer.registerShortcode('note', ({ inner }) => `<aside>${inner}</aside>`, { inner: true });
  fromUrl.refresh();
});
void fromFiles;
const { source, bodyLine }: { source: string; bodyLine: number } = entryToSource({ title: 'x', body: 'y' }, 'toml');
void [source, bodyLine];
void loadSite({ url: new URL('https://example.org/site/'), manifest: ['hugo.toml'] }).then(({ files, problems }) => [files['hugo.toml'], problems.length]);
