/**
 * A tiny terminal for tests: applies what a program wrote (text, CR/LF, and the cursor/erase escape sequences that
 * readline and cli-progress use) to a screen of lines, so a test can assert what a user would see — including a
 * line drawn over another.
 */
export function renderScreen(output: string): string[] {
  const screen: string[][] = [[]];
  let row = 0;
  let col = 0;
  const line = () => {
    while (screen.length <= row) screen.push([]);
    return screen[row];
  };
  for (let i = 0; i < output.length; ) {
    const ch = output[i];
    if (ch === '\u001b') {
      const m = /^\u001b\[(\??)([0-9;]*)([A-Za-z])/.exec(output.slice(i, i + 16));
      if (m) {
        const [all, privateMode, args, cmd] = m;
        const n = Number(args.split(';')[0] || 0);
        if (!privateMode) {
          if (cmd === 'A') row = Math.max(0, row - (n || 1));
          else if (cmd === 'B') row += n || 1;
          else if (cmd === 'C') col += n || 1;
          else if (cmd === 'D') col = Math.max(0, col - (n || 1));
          else if (cmd === 'G') col = (n || 1) - 1;
          else if (cmd === 'K') {
            const l = line();
            if (n === 2) l.length = 0;
            else if (n === 0) l.length = Math.min(l.length, col);
            else for (let c = 0; c <= col && c < l.length; c++) l[c] = ' ';
          } else if (cmd === 'J') {
            line().length = Math.min(line().length, col);
            screen.length = row + 1;
          }
        }
        i += all.length;
        continue;
      }
      i += /^\u001b[78]/.test(output.slice(i, i + 2)) ? 2 : 1;
      continue;
    }
    if (ch === '\r') col = 0;
    else if (ch === '\n') {
      row++;
      col = 0;
    } else {
      const l = line();
      while (l.length < col) l.push(' ');
      l[col++] = ch;
    }
    i++;
  }
  return screen.map((l) => l.join('').trimEnd());
}

/** A writable that says it is a terminal and keeps everything written to it. */
export function fakeTty(columns = 140) {
  let data = '';
  const stream = {
    isTTY: true as const,
    columns,
    rows: 40,
    write(chunk: string | Uint8Array, ...rest: unknown[]) {
      data += typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
      const cb = rest.find((r) => typeof r === 'function') as (() => void) | undefined;
      cb?.();
      return true;
    },
    // readline's cursor helpers call these on a TTY stream.
    on: () => stream,
    once: () => stream,
    emit: () => true,
    removeListener: () => stream,
  };
  return { stream, output: () => data, screen: () => renderScreen(data) };
}
