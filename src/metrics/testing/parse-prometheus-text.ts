/**
 * A strict reader of the Prometheus text format for tests: every sample must belong to a family declared by
 * `# TYPE` (with `# HELP`), label values must be correctly escaped, values must parse. Throws on anything else.
 */
export interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

export interface Family {
  type: string;
  help: string;
}

export interface ParsedExposition {
  families: Map<string, Family>;
  samples: Sample[];
  /** The value of one sample (exact label match), or undefined. */
  value(name: string, labels?: Record<string, string>): number | undefined;
}

const SUFFIXES: Record<string, string[]> = {
  counter: [''],
  gauge: [''],
  untyped: [''],
  histogram: ['_bucket', '_sum', '_count'],
  summary: ['', '_sum', '_count'],
};

export function parsePrometheusText(text: string): ParsedExposition {
  if (!text.endsWith('\n')) throw new Error('exposition must end with a newline');
  const families = new Map<string, Family>();
  const helps = new Map<string, string>();
  const samples: Sample[] = [];
  const lines = text.slice(0, -1).split('\n');
  lines.forEach((line, i) => {
    const where = `line ${i + 1}: ${line}`;
    if (line === '') return;
    const meta = /^# (HELP|TYPE) ([a-zA-Z_:][a-zA-Z0-9_:]*) (.*)$/.exec(line);
    if (meta) {
      const [, kind, name, rest] = meta;
      if (kind === 'HELP') {
        if (/\\[^\\n]/.test(rest.replace(/\\\\/g, ''))) throw new Error(`bad escape in HELP, ${where}`);
        helps.set(
          name,
          rest.replace(/\\(\\|n)/g, (_m, c) => (c === 'n' ? '\n' : '\\')),
        );
      } else {
        if (!(rest in SUFFIXES)) throw new Error(`unknown type, ${where}`);
        if (families.has(name)) throw new Error(`second TYPE for ${name}, ${where}`);
        if (samples.some((s) => familyOf(s.name, families) === name)) throw new Error(`TYPE after samples, ${where}`);
        families.set(name, { type: rest, help: helps.get(name) ?? '' });
      }
      return;
    }
    if (line.startsWith('#')) return;
    const m = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{.*\})? (\S+)$/.exec(line);
    if (!m) throw new Error(`not a sample, ${where}`);
    const [, name, rawLabels, rawValue] = m;
    const family = familyOf(name, families);
    if (!family) throw new Error(`sample without a declared family, ${where}`);
    if (!helps.has(family)) throw new Error(`family ${family} has no HELP, ${where}`);
    const value = parseValue(rawValue);
    if (value === undefined) throw new Error(`bad value, ${where}`);
    samples.push({ name, labels: rawLabels ? parseLabels(rawLabels, where) : {}, value });
  });
  return {
    families,
    samples,
    value(name, labels = {}) {
      const want = JSON.stringify(Object.entries(labels).sort());
      return samples.find((s) => s.name === name && JSON.stringify(Object.entries(s.labels).sort()) === want)?.value;
    },
  };
}

function familyOf(sample: string, families: Map<string, Family>): string | undefined {
  for (const [name, f] of families) {
    for (const suffix of SUFFIXES[f.type]) if (sample === name + suffix) return name;
  }
  return undefined;
}

function parseValue(text: string): number | undefined {
  if (text === '+Inf') return Number.POSITIVE_INFINITY;
  if (text === '-Inf') return Number.NEGATIVE_INFINITY;
  if (text === 'NaN') return Number.NaN;
  if (!/^-?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?$/.test(text)) return undefined;
  return Number(text);
}

function parseLabels(raw: string, where: string): Record<string, string> {
  const out: Record<string, string> = {};
  let i = 1;
  while (i < raw.length - 1) {
    const name = /^[a-zA-Z_][a-zA-Z0-9_]*/.exec(raw.slice(i))?.[0];
    if (!name || raw[i + name.length] !== '=' || raw[i + name.length + 1] !== '"')
      throw new Error(`bad label, ${where}`);
    i += name.length + 2;
    let value = '';
    for (;;) {
      const c = raw[i];
      if (c === undefined) throw new Error(`unterminated label value, ${where}`);
      if (c === '"') break;
      if (c === '\\') {
        const next = raw[i + 1];
        if (next === 'n') value += '\n';
        else if (next === '\\' || next === '"') value += next;
        else throw new Error(`bad escape in label value, ${where}`);
        i += 2;
        continue;
      }
      if (c === '\n') throw new Error(`raw newline in label value, ${where}`);
      value += c;
      i++;
    }
    i++;
    if (name in out) throw new Error(`duplicate label ${name}, ${where}`);
    out[name] = value;
    if (raw[i] === ',') i++;
    else if (i !== raw.length - 1) throw new Error(`expected , or } in labels, ${where}`);
  }
  return out;
}
