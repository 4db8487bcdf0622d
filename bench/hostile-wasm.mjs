// `make bench-hostile`, the WebAssembly half: issue 20's recipe (a 7 MB output bomb called on
// 300 lines, every call the same) rendered by the package's Node build, as the native half
// does (examples/hostile.rs): a new Renderer's first render, then a keystroke on the same
// Renderer, with the module's memory after each. Figures, not a test (pkg-tests/node.test.mjs
// checks the behaviour).
//
//   node bench/hostile-wasm.mjs        (after scripts/build-pkg.sh)
import { performance } from 'node:perf_hooks';
import * as hp from '../pkg/node.js';

const MB = 1024 * 1024;
const options = {
  shortcodes: { big: '{{ range seq 7 }}{{ strings.Repeat 1000000 "a" }}{{ end }}' },
};
const text = `---\n---\n${'{{< big >}}\n'.repeat(300)}`;
const renderer = new hp.Renderer(options);
const timed = (source) => {
  const started = performance.now();
  const out = renderer.render(source);
  return { out, ms: performance.now() - started, memory: hp.memoryBytes() };
};
const first = timed(text);
const keystroke = timed(`${text}x`);
const stopped = keystroke.out.diagnostics.filter((d) => /budget|exceeds/.test(d.message)).length;
console.log(
  `wasm (Node ${process.version}): the same heavy call on every line (300 calls of a 7 MB bomb, ` +
    `${text.length} B): first render ${first.ms.toFixed(2)} ms (memory ${(first.memory / MB).toFixed(0)} MB), ` +
    `keystroke ${keystroke.ms.toFixed(2)} ms (memory ${(keystroke.memory / MB).toFixed(0)} MB), ` +
    `${Math.round(keystroke.out.contentHtml.length / 1024)} KB of content, ${stopped} calls stopped by the page budget`,
);
