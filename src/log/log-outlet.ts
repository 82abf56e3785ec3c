/**
 * Where the CLI's log lines go: stderr, unless something that owns the terminal (the progress bars) diverts them
 * for a while, so a log line is printed above the bars instead of over them.
 */
export interface LogOutlet {
  write(line: string): void;
  /** Sends lines to `through` until the returned function is called. */
  divert(through: (line: string) => void): () => void;
}

/** An outlet over `stream` (stderr by default). */
export function createLogOutlet(stream: { write(s: string): unknown } = process.stderr): LogOutlet {
  let through: ((line: string) => void) | undefined;
  return {
    write(line) {
      if (through) through(line);
      else stream.write(line);
    },
    divert(fn) {
      through = fn;
      return () => {
        if (through === fn) through = undefined;
      };
    },
  };
}

/** The CLI process's one outlet (every CLI logger writes to it). */
export const cliLogOutlet: LogOutlet = createLogOutlet();
