// Compiled with `tsc --strict` against the installed package and the CodeMirror packages
// (pkg-tests/types.test.mjs): `hugo-preview/codemirror`'s declarations as the API is used.
import { Renderer, type RenderResult } from 'hugo-preview';
import {
  builtinShortcodes,
  diagnosticsFromResult,
  hugoPreview,
  hugoResult,
  shortcodeCompletionSource,
  shortcodeParameters,
  showDiagnostics,
  syncPreviewScroll,
  type ShortcodeParameters,
} from 'hugo-preview/codemirror';
import { EditorState, type Extension } from '@codemirror/state';
import { EditorView } from '@codemirror/view';

const renderer = new Renderer({ sourceLines: true, shortcodes: { image: '<img src="{{ .Get "src" }}">' } });
const extension: Extension = hugoPreview({
  render: (source) => renderer.render(source),
  parse: (source) => renderer.parse(source),
  shortcodes: () => ({ image: '<img src="{{ .Get "src" }}">' }),
  preview: document.createElement('div'),
  onResult: (result: RenderResult, view: EditorView) => void [result.pageHtml, view.state.doc.length],
});
const asyncExtension: Extension = hugoPreview({
  render: async (source) => renderer.render(source),
  file: 'hugo.toml',
  preview: { element: document.createElement('div'), paint: (result, element) => void (element.textContent = result.contentHtml) },
});
const view = new EditorView({ state: EditorState.create({ doc: '', extensions: [extension, asyncExtension] }) });
const latest: RenderResult | null = view.state.field(hugoResult);
if (latest) showDiagnostics(view, latest, { file: 'shortcodes/image.html' });
const lint = diagnosticsFromResult(renderer.render('{{< x >}}'), { docLength: 9 });
const severity: 'error' | 'warning' | 'info' | 'hint' = lint[0]!.severity;
const params: ShortcodeParameters = shortcodeParameters('{{ .Get "src" }}{{ .Get 0 }}');
const names: string[] = params.named.concat(builtinShortcodes.figure!.named);
const source = shortcodeCompletionSource({ shortcodes: { image: '' } });
const stop: () => void = syncPreviewScroll(view, document.createElement('div'));
stop();
export { severity, names, source };
