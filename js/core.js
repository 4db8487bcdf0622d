// The wrapper every build shares (web, bundler, node): argument checks, trap recovery, and
// renderers that survive a fresh WebAssembly instance. `glue` is one target's wasm-bindgen
// output; `ready()` tells whether its module is instantiated.
//
// A trap (a Rust panic, a stack overflow) poisons the instance. The panic hook in
// src/wasm.rs leaves the message in globalThis.__hugoPreviewPanic and asks wasm-bindgen for
// a fresh instance on the next call; for a trap that skipped the hook, scheduleReset() asks
// for it. The call that trapped throws a HugoPreviewCrash; the next call works, and each
// Renderer rebuilds itself from the configuration it keeps here.

const PANIC_GLOBAL = '__hugoPreviewPanic';
const STALE = 'Invalid stale object from previous Wasm instance';

/** The call that hit a trap; the next call runs on a fresh instance. */
export class HugoPreviewCrash extends Error {
  constructor(message, options) {
    super(message, options);
    this.name = 'HugoPreviewCrash';
  }
}

// How each engine reports running out of stack or memory, which can happen in the middle of
// the module's code and so leaves the instance unusable. Traps proper (a Rust panic's
// `unreachable`, an access out of bounds) are WebAssembly.RuntimeErrors in every engine.
const EXHAUSTED = [
  // V8 `RangeError: Maximum call stack size exceeded`; JavaScriptCore adds a final `.`.
  /^Maximum call stack size exceeded\.?$/,
  // SpiderMonkey `InternalError: too much recursion` (also for WebAssembly frames).
  /^too much recursion$/,
  // JavaScriptCore `RangeError: Out of memory` (`Error: Out of memory` in older versions);
  // SpiderMonkey throws the bare string `out of memory`; V8 `WebAssembly.Instance(): Out of
  // memory: Cannot allocate Wasm memory for new instance`.
  /out of memory/i,
  // V8 `WebAssembly.Memory.grow(): Maximum memory size exceeded` and `… Unable to grow
  // instance memory`; SpiderMonkey `RangeError: failed to grow memory`.
  /^WebAssembly\.Memory\.grow\(\)/,
  /^failed to grow memory/,
  // V8, when the glue cannot get a buffer for a string crossing the boundary.
  /^Array buffer allocation failed$/,
];

/**
 * Whether `error` (anything a call threw) means the WebAssembly instance is no longer
 * usable: a trap, a stack overflow, memory exhausted, or an object of an instance already
 * replaced. Names are compared as well as classes: SpiderMonkey's InternalError exists only
 * there, and an error from another realm (a worker's, an iframe's) fails `instanceof`.
 */
export function isTrap(error) {
  if (typeof error === 'string') return EXHAUSTED.some((pattern) => pattern.test(error));
  if (error === null || typeof error !== 'object') return false;
  const { name, message } = error;
  if (typeof message !== 'string') return false;
  if (error instanceof WebAssembly.RuntimeError || name === 'RuntimeError') return true;
  if (message === STALE) return true;
  const exhausted = EXHAUSTED.some((pattern) => pattern.test(message));
  return exhausted && ['RangeError', 'InternalError', 'Error'].includes(name);
}

/**
 * A module loaded the first time a page needs it, or when `load()` asks: the highlighter (a
 * second WebAssembly module: Chroma's lexers and styles, run as Hugo runs them), KaTeX (the
 * JavaScript Hugo runs for `transform.ToMath`) and the `qr` shortcode's encoder (a third
 * WebAssembly module). `load(input)` is the build's way to load
 * it; it resolves to `{ answer }`. `name` and `fallback` word the failures that the renderer
 * reports on each block or formula. With `rememberBytes`, answers are remembered here (at most
 * that many bytes of requests and answers, the least recently used forgotten first): KaTeX's,
 * which the core module does not keep (src/math.rs); an answer never changes for a request.
 */
function createLazyModule(load, name, fallback, rememberBytes = 0) {
  let module = null;
  let loading = null;
  let failure = null;
  const answers = new Map();
  let answerBytes = 0;

  function ask(request) {
    if (rememberBytes === 0) return module.answer(request);
    const hit = answers.get(request);
    if (hit !== undefined) {
      answers.delete(request);
      answers.set(request, hit);
      return hit;
    }
    const answer = module.answer(request);
    answers.set(request, answer);
    answerBytes += request.length + answer.length;
    for (const [oldest, kept] of answers) {
      if (answerBytes <= rememberBytes) break;
      answers.delete(oldest);
      answerBytes -= oldest.length + kept.length;
    }
    return answer;
  }

  function start(input) {
    loading ??= load(input).then(
      (loaded) => {
        module = loaded;
      },
      (error) => {
        failure = `hugo-preview: ${name} could not be loaded (${error?.message ?? error}); ${fallback}`;
        throw error;
      },
    );
    // Loading that the renderer started: its failure is reported in each render instead.
    loading.catch(() => {});
    return loading;
  }

  /** What the renderer calls for each request: the answer, or `undefined` while loading. */
  function bridge(request) {
    if (module !== null) {
      try {
        return ask(request);
      } catch (error) {
        // A crash in the module (a bug): no more answers, said on every request.
        module = null;
        failure = `hugo-preview: ${name} crashed (${error?.message ?? error}); ${fallback}`;
      }
    }
    if (failure !== null) return JSON.stringify({ error: failure });
    start(undefined);
    return undefined;
  }

  return { bridge, load: start };
}

export function createApi(glue, ready, notReadyMessage, loadHighlighterModule, loadMathModule, loadQrModule) {
  let generation = 0;
  const highlighter = createLazyModule(loadHighlighterModule, 'the highlighter module', 'code is shown uncoloured');
  const math = createLazyModule(loadMathModule, 'KaTeX (transform.ToMath)', 'formulas are not rendered', 4 * 1024 * 1024);
  const qr = createLazyModule(loadQrModule, 'the QR code module', 'QR codes are not shown');

  function guard(call) {
    if (!ready()) throw new Error(notReadyMessage);
    try {
      return call();
    } catch (error) {
      const panic = globalThis[PANIC_GLOBAL];
      if (panic === undefined && !isTrap(error)) throw error;
      delete globalThis[PANIC_GLOBAL];
      generation += 1;
      // Make the fresh instance now, with calls that pass no arguments: wasm-bindgen's glue
      // copies string arguments into the old instance's memory before it swaps instances.
      try {
        if (panic === undefined) glue.scheduleReset();
        glue.memoryBytes();
      } catch {
        // Nothing more can be done here; the next call tries again.
      }
      const reason = panic ?? (error instanceof Error ? error.message : String(error));
      throw new HugoPreviewCrash(
        `hugo-preview: the renderer crashed (${reason}); the next call runs on a fresh instance`,
        { cause: error },
      );
    }
  }

  function checkSource(source) {
    if (typeof source !== 'string') {
      throw new TypeError(`hugo-preview: the source must be a string, not ${describe(source)}`);
    }
  }

  function checkName(name, what) {
    if (typeof name !== 'string' || name === '') {
      throw new TypeError(`hugo-preview: ${what} must be a non-empty string, not ${describe(name)}`);
    }
  }

  /** Options without `highlight`, which is the wrapper's, and the bridge it asks for. */
  function splitHighlight(options) {
    if (options === undefined || options === null || typeof options !== 'object') return [options, highlighter.bridge];
    const { highlight = true, ...rest } = options;
    if (typeof highlight !== 'boolean') {
      throw new TypeError(`hugo-preview: invalid options: highlight must be a boolean, not ${describe(highlight)}`);
    }
    return [rest, highlight ? highlighter.bridge : null];
  }

  function render(source, options) {
    checkSource(source);
    const [rest, bridge] = splitHighlight(options);
    return guard(() => glue.render(source, rest, bridge, math.bridge, qr.bridge));
  }

  function parse(source, options) {
    checkSource(source);
    return guard(() => glue.parse(source, options));
  }

  class Renderer {
    #options;
    #templates;
    #partials;
    #siteConfig;
    #files;
    #bridge;
    #functions = new Map();
    #inner = null;
    #generation = -1;

    constructor(options) {
      const given = options ?? {};
      if (typeof given !== 'object' || Array.isArray(given)) {
        throw new TypeError(`hugo-preview: invalid options: expected an object, not ${describe(options)}`);
      }
      const [rest, bridge] = splitHighlight(given);
      this.#options = { ...rest };
      this.#bridge = bridge;
      this.#templates = { ...(given.shortcodes ?? {}) };
      this.#partials = { ...(given.partials ?? {}) };
      this.#siteConfig = given.siteConfig ?? null;
      this.#files = { ...(given.files ?? {}) };
      // Built now, so that bad options throw here.
      this.#current();
    }

    /** The wasm-side renderer of the current instance, rebuilt after a crash. */
    #current() {
      if (this.#inner !== null && this.#generation === generation) return this.#inner;
      return guard(() => {
        const options = {
          ...this.#options,
          shortcodes: this.#templates,
          partials: this.#partials,
          files: this.#files,
          siteConfig: this.#siteConfig ?? undefined,
        };
        if (this.#siteConfig === null) delete options.siteConfig;
        const inner = new glue.Renderer(options);
        inner.setHighlighter(this.#bridge);
        inner.setMath(math.bridge);
        inner.setQr(qr.bridge);
        for (const [name, [fn, registered]] of this.#functions) {
          inner.registerShortcode(name, fn, registered);
        }
        this.#inner = inner;
        this.#generation = generation;
        return inner;
      });
    }

    render(source, page) {
      checkSource(source);
      const inner = this.#current();
      return guard(() => inner.render(source, page ?? null));
    }

    parse(source, page) {
      checkSource(source);
      const inner = this.#current();
      return guard(() => inner.parse(source, page ?? null));
    }

    setShortcode(name, template) {
      checkName(name, 'a shortcode name');
      if (typeof template !== 'string') {
        throw new TypeError(`hugo-preview: the template of ${name} must be a string, not ${describe(template)}`);
      }
      const inner = this.#current();
      guard(() => inner.setShortcode(name, template));
      this.#templates[name] = template;
    }

    setShortcodes(templates) {
      const inner = this.#current();
      guard(() => inner.setShortcodes(templates));
      this.#templates = { ...templates };
    }

    setPartial(name, source) {
      checkName(name, 'a partial name');
      if (typeof source !== 'string') {
        throw new TypeError(`hugo-preview: the partial ${name} must be a string, not ${describe(source)}`);
      }
      const inner = this.#current();
      guard(() => inner.setPartial(name, source));
      this.#partials[name] = source;
    }

    setFile(path, text) {
      checkName(path, 'a file path');
      if (typeof text !== 'string') {
        throw new TypeError(`hugo-preview: the file ${path} must be a string, not ${describe(text)}`);
      }
      const inner = this.#current();
      guard(() => inner.setFile(path, text));
      this.#files[path] = text;
    }

    deleteFile(path) {
      checkName(path, 'a file path');
      const inner = this.#current();
      const removed = guard(() => inner.deleteFile(path));
      delete this.#files[path];
      return removed;
    }

    setSiteConfig(text) {
      if (text !== null && text !== undefined && typeof text !== 'string') {
        throw new TypeError(`hugo-preview: the site config must be a string or null, not ${describe(text)}`);
      }
      const inner = this.#current();
      guard(() => inner.setSiteConfig(text ?? null));
      this.#siteConfig = text ?? null;
      delete this.#options.siteConfigFormat;
    }

    registerShortcode(name, fn, options) {
      checkName(name, 'a shortcode name');
      if (typeof fn !== 'function') {
        throw new TypeError(`hugo-preview: the shortcode ${name} must be a function, not ${describe(fn)}`);
      }
      const inner = this.#current();
      guard(() => inner.registerShortcode(name, fn, options));
      this.#functions.set(name, [fn, options]);
    }

    unregisterShortcode(name) {
      const inner = this.#current();
      this.#functions.delete(name);
      return guard(() => inner.unregisterShortcode(name));
    }

    /** Frees the wasm-side renderer now instead of when it is garbage-collected. */
    free() {
      if (this.#inner !== null && this.#generation === generation) {
        this.#inner.free();
      }
      this.#inner = null;
    }

    [Symbol.dispose]() {
      this.free();
    }
  }

  return {
    render,
    parse,
    Renderer,
    loadHighlighter: (input) => highlighter.load(input),
    loadMath: () => math.load(undefined),
    loadQr: (input) => qr.load(input),
    version: () => guard(() => glue.version()),
    memoryBytes: () => guard(() => glue.memoryBytes()),
    __trapForTests: (message) => guard(() => glue.__trapForTests(message)),
  };
}

function describe(value) {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? 'an object' : `${typeof value} ${String(value)}`;
}
