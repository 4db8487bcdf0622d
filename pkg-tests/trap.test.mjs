// The wrapper's trap check (js/core.js), with each engine's own words for a stack overflow or
// running out of memory. Such an error leaves the WebAssembly instance unusable (its stack
// pointer and allocator are wherever the trap left them), so the call must become a
// HugoPreviewCrash and the next call must run on a fresh instance. Needs no build: the glue is
// a stand-in that throws what an engine would.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createApi, HugoPreviewCrash } from '../js/core.js';

/** An error as an engine makes it: `name` as the engine sets it, even where Node lacks the class. */
function engineError(name, message) {
  const Class = { RangeError, RuntimeError: WebAssembly.RuntimeError }[name] ?? Error;
  const error = new Class(message);
  if (error.name !== name) error.name = name;
  return error;
}

// Each engine's messages for a stack overflow, a trap, and memory exhausted, as they reach
// JavaScript (from V8's, SpiderMonkey's and JavaScriptCore's sources and tests).
const traps = [
  ['V8 stack overflow', engineError('RangeError', 'Maximum call stack size exceeded')],
  ['V8 wasm unreachable (a Rust panic or abort)', engineError('RuntimeError', 'unreachable')],
  ['V8 wasm out-of-bounds access', engineError('RuntimeError', 'memory access out of bounds')],
  ['V8 memory that cannot grow', engineError('RangeError', 'WebAssembly.Memory.grow(): Maximum memory size exceeded')],
  ['V8 memory that cannot grow (no address space)', engineError('RangeError', 'WebAssembly.Memory.grow(): Unable to grow instance memory')],
  ['V8 a fresh instance without memory', engineError('RangeError', 'WebAssembly.Instance(): Out of memory: Cannot allocate Wasm memory for new instance')],
  ['V8 buffers', engineError('RangeError', 'Array buffer allocation failed')],
  ['V8 out of memory', engineError('RangeError', 'Out of memory')],
  ['SpiderMonkey stack overflow', engineError('InternalError', 'too much recursion')],
  ['SpiderMonkey wasm unreachable', engineError('RuntimeError', 'unreachable executed')],
  ['SpiderMonkey wasm out-of-bounds access', engineError('RuntimeError', 'index out of bounds')],
  ['SpiderMonkey memory that cannot grow', engineError('RangeError', 'failed to grow memory')],
  ['SpiderMonkey out of memory (thrown as a bare string)', 'out of memory'],
  ['SpiderMonkey out of memory (as an error)', engineError('InternalError', 'out of memory')],
  ['JavaScriptCore stack overflow', engineError('RangeError', 'Maximum call stack size exceeded.')],
  ['JavaScriptCore wasm unreachable', engineError('RuntimeError', 'Unreachable code should not be executed')],
  ['JavaScriptCore wasm out-of-bounds access', engineError('RuntimeError', 'Out of bounds memory access')],
  ['JavaScriptCore out of memory', engineError('RangeError', 'Out of memory')],
  ['JavaScriptCore out of memory (older versions)', engineError('Error', 'Out of memory')],
];

// Errors that say nothing about the instance: they must reach the caller unchanged.
const notTraps = [
  ['a bad option', new TypeError('hugo-preview: invalid options: unknown field `x`')],
  ['an error of our own', new Error('something else went wrong')],
  ['a range error about a value', new RangeError('Invalid array length')],
  ['a thrown string', 'no luck'],
];

/** The wrapper over a stand-in glue whose render throws `thrown` once. */
function wrapperThatThrows(thrown) {
  const calls = { resets: 0, renders: 0 };
  const glue = {
    render(source) {
      calls.renders += 1;
      if (calls.renders === 1) throw thrown;
      return { contentHtml: source };
    },
    scheduleReset() {
      calls.resets += 1;
    },
    memoryBytes: () => 0,
  };
  return { api: createApi(glue, () => true, 'not ready'), calls };
}

for (const [engine, thrown] of traps) {
  test(`${engine} is a crash, and the instance is replaced`, () => {
    const { api, calls } = wrapperThatThrows(thrown);
    assert.throws(
      () => api.render('x'),
      (error) => error instanceof HugoPreviewCrash && error.cause === thrown,
      `${String(thrown)} should become a HugoPreviewCrash`,
    );
    assert.equal(calls.resets, 1, 'a fresh instance should be asked for');
    assert.equal(api.render('next').contentHtml, 'next', 'the next call should work');
  });
}

for (const [what, thrown] of notTraps) {
  test(`${what} is not a crash: it reaches the caller as thrown`, () => {
    const { api, calls } = wrapperThatThrows(thrown);
    assert.throws(
      () => api.render('x'),
      (error) => error === thrown,
      `${String(thrown)} should be thrown unchanged`,
    );
    assert.equal(calls.resets, 0, 'the instance should be kept');
  });
}
