// The preview's side of transform.ToMath: what Hugo's internal/warpc/js/renderkatex.js does
// with a request, on the KaTeX defined just before this (see README.md). A request is JSON,
// {"expression": "…", "options": {…}} with KaTeX's options as Hugo fills them; the answer is
// JSON, {"html": "…", "warnings": ["…"]} or {"error": "KaTeX parse error: …"}.
function answer(request) {
  const { expression, options } = JSON.parse(request);
  const warnings = [];
  if (options.strict === 'warn') {
    // As Hugo: each warning is kept (and logged by Hugo), the formula still renders.
    options.strict = (code, message) => {
      warnings.push(`katex: LaTeX-incompatible input and strict mode is set to 'warn': ${message} [${code}]`);
    };
  }
  try {
    return JSON.stringify({ html: katex.renderToString(expression, options), warnings });
  } catch (error) {
    return JSON.stringify({ error: String(error !== null && typeof error === 'object' && 'message' in error ? error.message : error) });
  }
}
