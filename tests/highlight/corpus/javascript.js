import { render } from "./render.js";

const cache = new Map();
/* Render once per source. */
export async function preview(source, { limit = 10 } = {}) {
  if (cache.has(source)) return cache.get(source);
  const html = await render(source.trim(), limit * 2.5);
  cache.set(source, html);
  document.querySelector("#out").innerHTML = `<p>${html}</p>`;
  return /^<p>/.test(html) ? html : null;
}
