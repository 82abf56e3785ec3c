/**
 * The column name Databricks gives an unaliased select expression: Spark's `toPrettySQL` — columns by their name,
 * string literals unquoted, operators parenthesised (`(a + b)`), functions lower-case with their defaulted
 * arguments filled in (`substr(s, 1, 2147483647)`, `lag(x, 1, NULL)`), `count(*)` as `count(1)`, windows with their
 * (default) frame spelled out. Returns undefined for a shape it cannot name; the caller then keeps DuckDB's name.
 */
import { COMPARE, DEFAULTS, NO_PAREN_FNS, numberName, RANKING, TYPES, UPPER } from './spark-name-rules.ts';
import { isOp, isWord, type Token } from './sql-tokens.ts';

class NoName extends Error {}

/** Spark's name for an unaliased select expression, or undefined. `param` gives a bound parameter's value. */
export function sparkName(tokens: Token[], param?: (name: string) => string | undefined): string | undefined {
  try {
    const p = new NameParser(tokens, param);
    const name = p.expr();
    return p.done() ? name : undefined;
  } catch (e) {
    if (e instanceof NoName) return undefined;
    throw e;
  }
}

class NameParser {
  private i = 0;
  constructor(
    private readonly t: Token[],
    private readonly param?: (name: string) => string | undefined,
  ) {}

  done(): boolean {
    return this.i === this.t.length;
  }
  private peek(k = 0): Token | undefined {
    return this.t[this.i + k];
  }
  private word(...w: string[]): boolean {
    if (!isWord(this.peek(), ...w)) return false;
    this.i++;
    return true;
  }
  private op(o: string): boolean {
    if (!isOp(this.peek(), o)) return false;
    this.i++;
    return true;
  }
  private expect(o: string): void {
    if (!this.op(o)) throw new NoName();
  }

  expr(): string {
    let l = this.and();
    while (this.word('OR')) l = `(${l} OR ${this.and()})`;
    return l;
  }
  private and(): string {
    let l = this.not();
    while (this.word('AND')) l = `(${l} AND ${this.not()})`;
    return l;
  }
  private not(): string {
    if (this.word('NOT')) return `(NOT ${this.not()})`;
    return this.predicate();
  }
  private predicate(): string {
    let l = this.additive();
    for (;;) {
      const t = this.peek();
      if (t?.kind === 'op' && COMPARE[t.value]) {
        this.i++;
        l = `(${l} ${COMPARE[t.value]} ${this.additive()})`;
      } else if (isOp(t, '<>') || isOp(t, '!=')) {
        this.i++;
        l = `(NOT (${l} = ${this.additive()}))`;
      } else if (this.word('IS')) {
        const neg = this.word('NOT');
        const w = this.peek();
        if (!isWord(w, 'NULL', 'TRUE', 'FALSE')) throw new NoName();
        this.i++;
        l = `(${l} IS ${neg ? 'NOT ' : ''}${w!.value.toUpperCase()})`;
      } else {
        const neg = isWord(t, 'NOT') && isWord(this.peek(1), 'IN', 'BETWEEN', 'LIKE', 'ILIKE', 'RLIKE', 'REGEXP');
        if (neg) this.i++;
        let r: string;
        if (this.word('IN')) {
          this.expect('(');
          if (isWord(this.peek(), 'SELECT', 'WITH')) throw new NoName();
          r = `(${l} IN (${this.list(')').join(', ')}))`;
        } else if (this.word('BETWEEN')) {
          const lo = this.additive();
          if (!this.word('AND')) throw new NoName();
          r = `((${l} >= ${lo}) AND (${l} <= ${this.additive()}))`;
        } else if (isWord(this.peek(), 'LIKE', 'ILIKE', 'RLIKE', 'REGEXP')) {
          const kw = this.t[this.i++].value.toUpperCase();
          const pattern = this.additive();
          if (kw === 'ILIKE') r = `ilike(${l}, ${pattern})`;
          else r = `${l} ${kw === 'LIKE' ? 'LIKE' : 'RLIKE'} ${pattern}`;
          if (kw === 'LIKE' && this.word('ESCAPE')) {
            const c = this.peek();
            if (c?.kind !== 'string') throw new NoName();
            this.i++;
            r += ` ESCAPE '${c.value}'`;
          }
        } else if (neg) throw new NoName();
        else return l;
        l = neg ? `(NOT ${r})` : r;
      }
    }
  }
  private additive(): string {
    let l = this.mult();
    for (;;) {
      if (this.op('+')) l = `(${l} + ${this.mult()})`;
      else if (this.op('-')) l = `(${l} - ${this.mult()})`;
      else if (this.op('||')) l = `concat(${l}, ${this.mult()})`;
      else return l;
    }
  }
  private mult(): string {
    let l = this.unary();
    for (;;) {
      const t = this.peek();
      if (isOp(t, '*') || isOp(t, '/') || isOp(t, '%')) {
        this.i++;
        l = `(${l} ${t!.value} ${this.unary()})`;
      } else if (this.word('DIV')) l = `(${l} div ${this.unary()})`;
      else return l;
    }
  }
  private unary(): string {
    if (this.op('-')) {
      // `-2.5` is one literal in Spark's grammar, so a cast after it applies to the negative number.
      if (this.peek()?.kind === 'number') return this.postfix(`-${numberName(this.t[this.i++])}`);
      return `(- ${this.unary()})`;
    }
    if (this.op('+')) return `(+ ${this.unary()})`;
    return this.postfix();
  }
  private postfix(first?: string): string {
    let e = first ?? this.primary();
    for (;;) {
      if (this.op('::')) e = `CAST(${e} AS ${this.type()})`;
      else if (this.op('[')) {
        e = `${e}[${this.expr()}]`;
        this.expect(']');
      } else return e;
    }
  }
  private type(): string {
    const w = this.peek();
    if (w?.kind !== 'word') throw new NoName();
    this.i++;
    let name = w.value.toUpperCase();
    name = TYPES[name] ?? name;
    if (this.op('(')) {
      const args = this.list(')');
      return `${name}(${args.join(',')})`;
    }
    return name === 'DECIMAL' ? 'DECIMAL(10,0)' : name;
  }
  private list(close: string): string[] {
    const out: string[] = [];
    if (this.op(close)) return out;
    for (;;) {
      out.push(this.expr());
      if (this.op(close)) return out;
      this.expect(',');
    }
  }
  private primary(): string {
    const t = this.peek();
    if (!t) throw new NoName();
    this.i++;
    switch (t.kind) {
      case 'number':
        return numberName(t);
      case 'string':
        return t.value;
      case 'param': {
        const v = this.param?.(t.value);
        if (v === undefined) throw new NoName();
        return v;
      }
      case 'quoted':
        return this.identifier(t.value);
      case 'op':
        if (t.value !== '(') throw new NoName();
        if (isWord(this.peek(), 'SELECT', 'WITH')) throw new NoName();
        {
          const e = this.expr();
          this.expect(')');
          return e;
        }
    }
    const w = t.value.toUpperCase();
    if (w === 'NULL') return 'NULL';
    if (w === 'TRUE' || w === 'FALSE') return w.toLowerCase();
    if ((w === 'DATE' || w.startsWith('TIMESTAMP')) && this.peek()?.kind === 'string') {
      return `${w === 'TIMESTAMP_LTZ' ? 'TIMESTAMP' : w} '${this.t[this.i++].value}'`;
    }
    if (w === 'CASE') return this.caseExpr();
    if (w === 'INTERVAL' || w === 'EXISTS') throw new NoName();
    if (isOp(this.peek(), '(')) {
      this.i++;
      return this.call(t.value.toLowerCase());
    }
    if (NO_PAREN_FNS.has(t.value.toLowerCase()) && !isOp(this.peek(), '.')) return `${t.value.toLowerCase()}()`;
    return this.identifier(t.value);
  }
  private identifier(first: string): string {
    let name = first;
    while (isOp(this.peek(), '.') && (this.peek(1)?.kind === 'word' || this.peek(1)?.kind === 'quoted')) {
      name = this.t[this.i + 1].value;
      this.i += 2;
    }
    return name;
  }
  private caseExpr(): string {
    const subject = isWord(this.peek(), 'WHEN') ? undefined : this.expr();
    let out = 'CASE';
    while (this.word('WHEN')) {
      const c = this.expr();
      if (!this.word('THEN')) throw new NoName();
      out += ` WHEN ${subject === undefined ? c : `(${subject} = ${c})`} THEN ${this.expr()}`;
    }
    if (this.word('ELSE')) out += ` ELSE ${this.expr()}`;
    if (!this.word('END')) throw new NoName();
    return `${out} END`;
  }
  private call(name: string): string {
    if (name === 'cast' || name === 'try_cast') {
      const e = this.expr();
      if (!this.word('AS')) throw new NoName();
      const ty = this.type();
      this.expect(')');
      return `${name.toUpperCase()}(${e} AS ${ty})`;
    }
    if (name === 'extract') {
      const f = this.peek();
      if (!f || (f.kind !== 'word' && f.kind !== 'string')) throw new NoName();
      this.i++;
      if (!this.word('FROM')) throw new NoName();
      const e = this.expr();
      this.expect(')');
      return `extract(${f.value.toUpperCase()} FROM ${e})`;
    }
    const ansi = name === 'position' || name === 'substring' || name === 'substr' || name === 'trim';
    if (ansi) {
      const named = this.ansiCall(name);
      if (named !== undefined) return named;
    }
    const distinct = this.word('DISTINCT');
    let args: string[];
    if (isOp(this.peek(), '*') && isOp(this.peek(1), ')')) {
      this.i += 2;
      args = ['1'];
    } else args = this.list(')');
    const defaults = Object.hasOwn(DEFAULTS, name) ? DEFAULTS[name] : undefined;
    if (defaults) for (let k = args.length; defaults[k] !== undefined; k++) args.push(defaults[k]);
    let text: string;
    if (name === 'explode') return 'col';
    if (name === 'if' || name === 'iff') text = `(IF(${args.join(', ')}))`;
    else if (name === 'isnull' || name === 'isnotnull') text = `(${args[0]} IS ${name === 'isnull' ? '' : 'NOT '}NULL)`;
    else text = `${UPPER.has(name) ? name.toUpperCase() : name}(${distinct ? 'DISTINCT ' : ''}${args.join(', ')})`;
    if (this.word('FILTER')) {
      this.expect('(');
      if (!this.word('WHERE')) throw new NoName();
      text += ` FILTER (WHERE ${this.expr()})`;
      this.expect(')');
    }
    if (isWord(this.peek(), 'IGNORE', 'RESPECT') && isWord(this.peek(1), 'NULLS')) throw new NoName();
    if (this.word('OVER')) text += ` OVER ${this.window(name, args)}`;
    return text;
  }
  /** `position(a IN b)`, `substring(s FROM p [FOR n])`, `trim([BOTH|LEADING|TRAILING] [c] FROM s)`; else undefined. */
  private ansiCall(name: string): string | undefined {
    const start = this.i;
    const back = () => {
      this.i = start;
      return undefined;
    };
    if (name === 'trim') {
      const mode = isWord(this.peek(), 'BOTH', 'LEADING', 'TRAILING')
        ? this.t[this.i++].value.toUpperCase()
        : undefined;
      const chars = isWord(this.peek(), 'FROM') ? undefined : this.additive();
      if (!this.word('FROM')) {
        if (mode) throw new NoName();
        return back();
      }
      const src = this.expr();
      this.expect(')');
      if (chars !== undefined) return `TRIM(${mode ?? 'BOTH'} ${chars} FROM ${src})`;
      return `${mode === 'LEADING' ? 'ltrim' : mode === 'TRAILING' ? 'rtrim' : 'trim'}(${src})`;
    }
    const first = this.additive();
    if (name === 'position') {
      if (!this.word('IN')) return back();
      const s = this.expr();
      this.expect(')');
      return `locate(${first}, ${s}, 1)`;
    }
    if (!this.word('FROM')) return back();
    const pos = this.expr();
    const len = this.word('FOR') ? this.expr() : '2147483647';
    this.expect(')');
    return `${name}(${first}, ${pos}, ${len})`;
  }

  private window(name: string, args: string[]): string {
    this.expect('(');
    const parts: string[] = [];
    if (this.word('PARTITION')) {
      if (!this.word('BY')) throw new NoName();
      parts.push(`PARTITION BY ${this.exprsUntil(['ORDER', 'ROWS', 'RANGE']).join(', ')}`);
    }
    let ordered = false;
    if (this.word('ORDER', 'SORT')) {
      if (!this.word('BY')) throw new NoName();
      ordered = true;
      const keys: string[] = [];
      do {
        const e = this.expr();
        const desc = this.word('DESC');
        if (!desc) this.word('ASC');
        let nulls = desc ? 'LAST' : 'FIRST';
        if (this.word('NULLS')) {
          const n = this.peek();
          if (!isWord(n, 'FIRST', 'LAST')) throw new NoName();
          this.i++;
          nulls = n!.value.toUpperCase();
        }
        keys.push(`${e} ${desc ? 'DESC' : 'ASC'} NULLS ${nulls}`);
      } while (this.op(','));
      parts.push(`ORDER BY ${keys.join(', ')}`);
    }
    if (isWord(this.peek(), 'ROWS', 'RANGE')) parts.push(this.frame());
    else if (RANKING.has(name)) parts.push('ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW');
    else if (name === 'lag' || name === 'lead') {
      const n = name === 'lag' ? `-${args[1]}`.replace(/^--/, '') : args[1];
      parts.push(`ROWS BETWEEN ${n} FOLLOWING AND ${n} FOLLOWING`);
    } else if (ordered) parts.push('RANGE BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW');
    else parts.push('ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING');
    this.expect(')');
    return `(${parts.join(' ')})`;
  }
  private exprsUntil(stop: string[]): string[] {
    const out = [this.expr()];
    while (this.op(',')) out.push(this.expr());
    if (this.peek() && !isOp(this.peek(), ')') && !isWord(this.peek(), ...stop)) throw new NoName();
    return out;
  }
  private frame(): string {
    const kind = this.t[this.i++].value.toUpperCase();
    const bound = (): string => {
      if (this.word('UNBOUNDED')) {
        const d = this.peek();
        if (!isWord(d, 'PRECEDING', 'FOLLOWING')) throw new NoName();
        this.i++;
        return `UNBOUNDED ${d!.value.toUpperCase()}`;
      }
      if (this.word('CURRENT')) {
        if (!this.word('ROW')) throw new NoName();
        return 'CURRENT ROW';
      }
      const n = this.additive();
      const d = this.peek();
      if (!isWord(d, 'PRECEDING', 'FOLLOWING')) throw new NoName();
      this.i++;
      return `${n} ${d!.value.toUpperCase()}`;
    };
    if (this.word('BETWEEN')) {
      const lo = bound();
      if (!this.word('AND')) throw new NoName();
      return `${kind} BETWEEN ${lo} AND ${bound()}`;
    }
    return `${kind} BETWEEN ${bound()} AND CURRENT ROW`;
  }
}
