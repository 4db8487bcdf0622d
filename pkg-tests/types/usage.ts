// Compiled with `tsc --strict` against the installed package (pkg-tests/types.test.mjs): the
// declarations must describe the API as it is used.
import init, {
  HugoPreviewCrash,
  Renderer,
  parse,
  render,
  version,
  type Diagnostic,
  type ParseResult,
  type RenderOptions,
  type RenderResult,
  type ShortcodeCall,
} from 'hugo-preview';

await init();
const options: RenderOptions = {
  markup: { goldmark: { unsafe: true, autoIDType: 'github-ascii' }, tableOfContents: { endLevel: 4 } },
  summaryLength: 30,
  shortcodes: { image: '<img src="{{ .Get "src" }}">' },
  embeds: false,
};
const out: RenderResult = render('# Hi', options);
const html: string = out.pageHtml + out.contentHtml + out.summaryHtml + out.tocHtml;
const title: string | null = out.page.title;
const words: number = out.wordCount + out.readingTime;
const first: Diagnostic | undefined = out.diagnostics[0];
if (first) {
  const where: string = `${first.line}:${first.column}-${first.endLine}:${first.endColumn} [${first.start}, ${first.end})`;
  const severity: 'error' | 'warning' | 'info' = first.severity;
  const file: string | null = first.file;
  console.log(where, severity, file);
}
const renderer = new Renderer({ siteConfig: 'title = "x"' });
renderer.setShortcode('a', '{{ .Inner }}');
renderer.setShortcodes({ b: 'b' });
renderer.setPartial('p.html', 'p');
renderer.setSiteConfig(null);
renderer.registerShortcode('js', (call: ShortcodeCall) => `${call.name}${call.position.line}${call.page.title ?? ''}`, { inner: true });
const removed: boolean = renderer.unregisterShortcode('js');
const outline: ParseResult = parse('{{< a >}}');
const headingIds: string[] = outline.headings.map((h) => h.id);
const names: string[] = renderer.parse('x').shortcodes.map((s) => s.name);
const onPage: RenderResult = renderer.render('x', { path: 'posts/a.md' });
const onPageOutline: ParseResult = renderer.parse('x', {});
try {
  renderer.render('x');
} catch (error) {
  if (error instanceof HugoPreviewCrash) console.log(error.message);
}
renderer.free();
console.log(html, title, words, removed, headingIds, names, version(), onPage, onPageOutline);
