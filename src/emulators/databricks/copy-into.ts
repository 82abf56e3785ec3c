import { join } from 'node:path';
import { BIGINT } from '@duckdb/node-api';
import { duckRef, type StatementScope } from './ddl-statements.ts';
import { dq, sq } from './duck-translate.ts';
import type { RawResult } from './sql-engine.ts';
import { DatabricksSqlError, syntaxError } from './sql-error.ts';
import { nameKey, qualify, readName } from './sql-names.ts';
import { closingParen, isOp, isWord, splitTopLevel, type Token } from './sql-tokens.ts';
import { listDataFiles, localPath, parseVolumePath } from './volume-store.ts';

interface CopyInto {
  target: string[];
  from: string;
  files?: string[];
  pattern?: string;
  copyOptions: Record<string, string>;
}

/** Parses `COPY INTO t FROM '/Volumes/..' FILEFORMAT = PARQUET [FILES = (..) | PATTERN = '..'] [FORMAT_OPTIONS (..)] [COPY_OPTIONS (..)]`. */
export function parseCopyInto(tokens: Token[]): CopyInto {
  if (!isWord(tokens[1], 'INTO')) throw syntaxError(tokens[1]?.value ?? 'end of input');
  const { parts, next } = readName(tokens, 2);
  let i = next;
  if (!isWord(tokens[i], 'FROM')) throw syntaxError(tokens[i]?.value ?? 'end of input');
  const fromTok = tokens[i + 1];
  if (fromTok?.kind !== 'string') throw syntaxError(fromTok?.value ?? 'end of input');
  i += 2;
  const out: CopyInto = { target: parts, from: fromTok.value, copyOptions: {} };
  let format: string | undefined;
  while (i < tokens.length) {
    const t = tokens[i];
    if (isWord(t, 'FILEFORMAT') && isOp(tokens[i + 1], '=') && tokens[i + 2]?.kind === 'word') {
      format = tokens[i + 2].value.toUpperCase();
      i += 3;
    } else if (isWord(t, 'PATTERN') && isOp(tokens[i + 1], '=') && tokens[i + 2]?.kind === 'string') {
      out.pattern = tokens[i + 2].value;
      i += 3;
    } else if (isWord(t, 'FILES') && isOp(tokens[i + 1], '=') && isOp(tokens[i + 2], '(')) {
      const close = closingParen(tokens, i + 2);
      out.files = splitTopLevel(tokens.slice(i + 3, close)).map((p) => {
        if (p.length !== 1 || p[0].kind !== 'string') throw syntaxError(p[0]?.value ?? ')');
        return p[0].value;
      });
      i = close + 1;
    } else if (isWord(t, 'FORMAT_OPTIONS', 'COPY_OPTIONS') && isOp(tokens[i + 1], '(')) {
      const close = closingParen(tokens, i + 1);
      for (const p of splitTopLevel(tokens.slice(i + 2, close))) {
        if (p.length !== 3 || p[0].kind !== 'string' || !isOp(p[1], '=')) throw syntaxError(p[0]?.value ?? ')');
        if (isWord(t, 'COPY_OPTIONS')) out.copyOptions[p[0].value.toLowerCase()] = p[2].value.toLowerCase();
      }
      i = close + 1;
    } else throw syntaxError(t.value);
  }
  if (!format) throw syntaxError('end of input');
  if (out.files && out.pattern) throw syntaxError('PATTERN');
  if (format !== 'PARQUET') {
    throw new DatabricksSqlError(
      'UNSUPPORTED_FEATURE',
      `The emulator loads only FILEFORMAT = PARQUET (got ${format}).`,
      '0A000',
    );
  }
  return out;
}

/** Hadoop-style glob (`*`, `?`, `[..]`, `{a,b}`) → RegExp. */
function globToRegExp(glob: string): RegExp {
  let re = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    if (c === '*') re += '[^/]*';
    else if (c === '?') re += '[^/]';
    else if (c === '[') {
      const end = glob.indexOf(']', i);
      re += glob.slice(i, end + 1).replace('[!', '[^');
      i = end;
    } else if (c === '{') {
      const end = glob.indexOf('}', i);
      re += `(?:${glob
        .slice(i + 1, end)
        .split(',')
        .map(escapeRegExp)
        .join('|')})`;
      i = end;
    } else re += escapeRegExp(c);
  }
  return new RegExp(`^${re}$`);
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

/** Runs COPY INTO with a per-table load history, so files loaded before are skipped (unless `force`). */
export async function runCopyInto(tokens: Token[], s: StatementScope): Promise<RawResult> {
  const c = parseCopyInto(tokens);
  const q = qualify(c.target, s.defaults);
  const ref = duckRef(s.engine, q);
  const v = parseVolumePath(c.from);
  if (!v || !s.engine.hasVolume(v.catalog, v.schema, v.volume)) {
    throw new DatabricksSqlError('PATH_NOT_FOUND', `Path does not exist: ${c.from}.`, '42K03');
  }
  const root = localPath(s.engine.dataDir, v);
  const base = c.from.replace(/\/+$/, '');
  const all = listDataFiles(root);
  if (!all) throw new DatabricksSqlError('PATH_NOT_FOUND', `Path does not exist: ${c.from}.`, '42K03');
  let rel = all;
  if (c.files) {
    const wanted = new Set(c.files.map((f) => f.replace(/^\/+/, '')));
    rel = rel.filter((r) => wanted.has(r));
  }
  if (c.pattern) {
    const re = globToRegExp(c.pattern);
    rel = rel.filter((r) => re.test(r));
  }
  const key = sq(nameKey(q));
  const tShape = await s.engine.read(s.conn, `SELECT * FROM ${ref} LIMIT 0`);
  const force = c.copyOptions.force === 'true';
  const loaded = new Set(
    (
      await s.engine.read(
        s.conn,
        `SELECT file FROM ${s.engine.meta('copy_history', q.catalog)} WHERE table_name = ${key}`,
      )
    ).rows.map((r) => String(r[0])),
  );
  const todo = rel.map((r) => (r ? `${base}/${r}` : base)).filter((f) => force || !loaded.has(f));
  let inserted = 0n;
  if (todo.length > 0) {
    const localFiles = rel
      .filter((r) => todo.includes(r ? `${base}/${r}` : base))
      .map((r) => (r ? join(root, ...r.split('/')) : root));
    const src = `read_parquet([${localFiles.map(sq).join(', ')}], union_by_name = true)`;
    const fileCols = (await s.engine.read(s.conn, `SELECT * FROM ${src} LIMIT 0`)).columns;
    const tNames = new Set(tShape.columns.map((x) => x.name.toLowerCase()));
    if (c.copyOptions.mergeschema === 'true') {
      for (const fc of fileCols) {
        if (tNames.has(fc.name.toLowerCase())) continue;
        await s.conn.run(`ALTER TABLE ${ref} ADD COLUMN ${dq(fc.name)} ${fc.type.toString()}`);
        tNames.add(fc.name.toLowerCase());
      }
    }
    const cols = fileCols.filter((fc) => tNames.has(fc.name.toLowerCase())).map((fc) => dq(fc.name));
    if (cols.length > 0) {
      const r = await s.engine.read(
        s.conn,
        `INSERT INTO ${ref} (${cols.join(', ')}) SELECT ${cols.join(', ')} FROM ${src}`,
      );
      inserted = BigInt(r.rows[0]?.[0] as bigint);
    }
    for (const f of todo) {
      await s.conn.run(
        `INSERT INTO ${s.engine.meta('copy_history', q.catalog)} VALUES (${key}, ${sq(f)}, get_current_timestamp())`,
      );
    }
  }
  return {
    columns: ['num_affected_rows', 'num_inserted_rows', 'num_skipped_corrupt_files'].map((name) => ({
      name,
      type: BIGINT,
    })),
    rows: [[inserted, inserted, 0n]],
  };
}
