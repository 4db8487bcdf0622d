// The preview's side of transform.ToMath, after the KaTeX defined just before this (see
// README.md): what Hugo 0.168's tpl/transform ToMath and internal/warpc/js/renderkatex.js do
// with a call. A request is JSON, {"expression": "…", "options": the template's OPTIONS or
// null}; the answer is JSON, {"html": "…", "warnings": ["…"]} or {"error": "…"}.

// Hugo's warpc.KatexOptions: each field's Go name and type, by its name in any case.
const KATEX_FIELDS = new Map(
  [
    ['output', 'Output', 'string'],
    ['displayMode', 'DisplayMode', 'bool'],
    ['leqno', 'Leqno', 'bool'],
    ['fleqn', 'Fleqn', 'bool'],
    ['errorColor', 'ErrorColor', 'string'],
    ['macros', 'Macros', 'macros'],
    ['minRuleThickness', 'MinRuleThickness', 'float64'],
    ['throwOnError', 'ThrowOnError', 'bool'],
    ['strict', 'Strict', 'string'],
  ].map(([json, go, type]) => [json.toLowerCase(), { json, go, type }]),
);

// Go's reflect.Kind of a JSON value, for mapstructure's messages.
function goKind(value) {
  if (value === null) return 'invalid';
  if (Array.isArray(value)) return 'slice';
  if (typeof value === 'number') return Number.isInteger(value) ? 'int' : 'float64';
  return { string: 'string', boolean: 'bool', object: 'map' }[typeof value] ?? 'invalid';
}

// The Go type a template value of this JSON has (as near as JSON tells), and `%v` of it.
function goType(value) {
  return { slice: '[]interface {}', map: 'map[string]interface {}' }[goKind(value)] ?? goKind(value);
}

function goValue(value) {
  if (value === null) return '<nil>';
  if (Array.isArray(value)) return `[${value.map(goValue).join(' ')}]`;
  if (typeof value === 'object') {
    const entries = Object.keys(value).sort().map((key) => `${key}:${goValue(value[key])}`);
    return `map[${entries.join(' ')}]`;
  }
  return String(value);
}

// mapstructure's weak conversions (WeaklyTypedInput), with its messages.
function weakly(name, type, value) {
  const unconvertible = () =>
    new Error(`'${name}' expected type '${type}', got unconvertible type '${goType(value)}', value: '${goValue(value)}'`);
  switch (type) {
    case 'string':
      if (typeof value === 'string') return value;
      if (typeof value === 'boolean') return value ? '1' : '0';
      if (typeof value === 'number') return String(value);
      throw unconvertible();
    case 'bool':
      if (typeof value === 'boolean') return value;
      if (typeof value === 'number') return value !== 0;
      if (typeof value === 'string') {
        // Go's strconv.ParseBool; the empty string is false.
        if (['', '0', 'f', 'F', 'false', 'FALSE', 'False'].includes(value)) return false;
        if (['1', 't', 'T', 'true', 'TRUE', 'True'].includes(value)) return true;
        throw new Error(`cannot parse '${name}' as bool: strconv.ParseBool: parsing "${value}": invalid syntax`);
      }
      throw unconvertible();
    case 'float64':
      if (typeof value === 'number') return value;
      if (typeof value === 'boolean') return value ? 1 : 0;
      if (typeof value === 'string') {
        if (value === '') return 0;
        const number = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$|^[+-]?(inf|infinity)$|^nan$/i.test(value) ? Number(value.replace(/inf(inity)?/i, 'Infinity')) : NaN;
        if (!Number.isNaN(number) || /^nan$/i.test(value)) return number;
        throw new Error(`cannot parse '${name}' as float: strconv.ParseFloat: parsing "${value}": invalid syntax`);
      }
      throw unconvertible();
    default:
      throw unconvertible();
  }
}

// Hugo's defaults, then mapstructure.WeakDecode(OPTIONS, &options): keys match the fields in
// any case, other keys are ignored, a null value leaves the field as it is; every field that
// cannot be converted is listed, sorted, in mapstructure's message. Then Hugo's check of
// `strict`.
function katexOptions(given) {
  const options = {
    output: 'mathml',
    displayMode: false,
    leqno: false,
    fleqn: false,
    errorColor: '#cc0000',
    minRuleThickness: 0.04,
    throwOnError: true,
    strict: 'error',
  };
  if (given !== null && (typeof given !== 'object' || Array.isArray(given))) {
    throw new Error(`'' expected a map, got '${goKind(given)}'`);
  }
  const errors = [];
  for (const [key, value] of Object.entries(given ?? {})) {
    const field = KATEX_FIELDS.get(key.toLowerCase());
    if (field === undefined || value === null) continue;
    try {
      if (field.type !== 'macros') {
        options[field.json] = weakly(field.go, field.type, value);
      } else if (typeof value !== 'object' || Array.isArray(value)) {
        throw new Error(`'Macros' expected a map, got '${goKind(value)}'`);
      } else {
        const macros = {};
        for (const [name, body] of Object.entries(value)) {
          try {
            macros[name] = weakly(`Macros[${name}]`, 'string', body);
          } catch (error) {
            errors.push(error.message);
          }
        }
        // Go's JSON leaves an empty map out (`omitempty`).
        if (Object.keys(macros).length > 0) options.macros = macros;
      }
    } catch (error) {
      errors.push(error.message);
    }
  }
  if (errors.length > 0) {
    const points = errors.map((error) => `* ${error}`).sort();
    throw new Error(`${points.length} error(s) decoding:\n\n${points.join('\n')}`);
  }
  if (!['error', 'ignore', 'warn'].includes(options.strict)) {
    throw new Error(`invalid strict mode; expected one of error, ignore, or warn; received ${options.strict}`);
  }
  return options;
}

function answer(request) {
  try {
    const { expression, options: given } = JSON.parse(request);
    const options = katexOptions(given);
    const warnings = [];
    if (options.strict === 'warn') {
      // As Hugo: each warning is kept (Hugo logs it), the formula still renders.
      options.strict = (code, message) => {
        warnings.push(`katex: LaTeX-incompatible input and strict mode is set to 'warn': ${message} [${code}]`);
      };
    }
    return JSON.stringify({ html: katex.renderToString(expression, options), warnings });
  } catch (error) {
    return JSON.stringify({ error: String(error !== null && typeof error === 'object' && 'message' in error ? error.message : error) });
  }
}
