import { createInterface } from 'node:readline';
import { Writable } from 'node:stream';
import { ConnectorError } from '../errors.ts';

/**
 * Reads a secret value from stdin: everything piped in (one trailing newline stripped), or one line typed at a
 * terminal with echo off. Never from argv, so values stay out of shell history and process listings.
 */
export async function readSecretValue(
  input: NodeJS.ReadableStream & { isTTY?: boolean } = process.stdin,
  prompt?: { text: string; output: NodeJS.WritableStream },
): Promise<string> {
  if (input.isTTY) return readHiddenLine(input, prompt);
  const chunks: Buffer[] = [];
  for await (const chunk of input) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
  return stripOneNewline(Buffer.concat(chunks).toString('utf8'));
}

/** `value\n` → `value`, `value\r\n` → `value`; only one line ending is removed. */
export function stripOneNewline(text: string): string {
  if (text.endsWith('\r\n')) return text.slice(0, -2);
  if (text.endsWith('\n')) return text.slice(0, -1);
  return text;
}

function readHiddenLine(
  input: NodeJS.ReadableStream,
  prompt: { text: string; output: NodeJS.WritableStream } | undefined,
): Promise<string> {
  // readline echoes typed characters to `output`; give it one that drops them.
  const muted = new Writable({ write: (_chunk, _enc, done) => done() });
  // The interface switches the terminal to raw mode (no echo by the terminal itself): only then ask, so even
  // input typed or pasted the instant the prompt appears is never shown.
  const rl = createInterface({ input, output: muted, terminal: true });
  if (prompt) prompt.output.write(prompt.text);
  return new Promise((resolve, reject) => {
    // Settle once: `rl.close()` below emits `close` synchronously, which must not override the line just typed.
    let settled = false;
    const settle = (finish: () => void) => {
      if (settled) return;
      settled = true;
      if (prompt) prompt.output.write('\n');
      finish();
      rl.close();
    };
    rl.once('line', (line) => settle(() => resolve(line)));
    // Ctrl-D on an empty line: nothing typed.
    rl.once('close', () => settle(() => resolve('')));
    // In raw mode Ctrl-C reaches readline, not the process: stop as the signal would have.
    rl.once('SIGINT', () =>
      settle(() => reject(new ConnectorError('ABORTED', 'cancelled at the prompt: nothing was stored'))),
    );
  });
}
