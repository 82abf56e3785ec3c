import pino from 'pino';
import { formatTextLine } from './format-text-line.ts';
import { redactValue } from './redact-secrets.ts';

export type Logger = pino.Logger;
export type LogFormat = 'text' | 'json';
export type LogLevel = 'trace' | 'debug' | 'info' | 'warn' | 'error' | 'fatal' | 'silent';

export interface LoggerOptions {
  format: LogFormat;
  level: LogLevel;
  /** Values replaced by `***` wherever they appear (messages, fields, error messages and stacks). */
  secrets: readonly string[];
  /** Where lines go; stderr by default so stdout stays clean for command output. */
  stream?: { write(line: string): unknown };
}

/**
 * A pino logger whose every record is redacted before it is written: JSON lines (`json`) or one readable
 * `HH:MM:SS level message key=value…` line per event (`text`).
 */
export function createLogger(opts: LoggerOptions): Logger {
  const out = opts.stream ?? process.stderr;
  const secrets = [...opts.secrets];
  const stacks = opts.level === 'debug' || opts.level === 'trace';
  const destination = {
    write(line: string) {
      let record: Record<string, unknown>;
      try {
        record = JSON.parse(line);
      } catch {
        out.write(String(redactValue(line, secrets)));
        return;
      }
      const clean = redactValue(record, secrets) as Record<string, unknown>;
      out.write(opts.format === 'json' ? `${JSON.stringify(clean)}\n` : formatTextLine(clean, { stacks }));
    },
  };
  return pino(
    {
      level: opts.level,
      base: undefined,
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
    },
    destination,
  );
}
