import { ConnectorError, EXIT_SIGINT, EXIT_SIGTERM } from '../errors.ts';

/** Which signal stopped the job (null while none has arrived). */
export interface StopState {
  signal: 'SIGINT' | 'SIGTERM' | null;
}

export interface StopSignalOptions {
  /** Told once when the first signal arrives (e.g. "stopping after the current step"). */
  onStop?(signal: 'SIGINT' | 'SIGTERM'): void;
}

/** 130 after Ctrl-C, 143 after SIGTERM (128 + signal number, as shells report it). */
export function exitCodeOfSignal(signal: 'SIGINT' | 'SIGTERM'): number {
  return signal === 'SIGINT' ? EXIT_SIGINT : EXIT_SIGTERM;
}

/**
 * Runs `job` with an AbortSignal that SIGINT/SIGTERM abort, so a long command stops between steps (no entity left
 * half-committed) instead of dying mid-write; a second signal exits at once. The handlers are removed when the job
 * ends; `state.signal` tells the caller whether (and by which signal) it was stopped.
 */
export async function withStopSignal<T>(
  job: (signal: AbortSignal, state: StopState) => Promise<T>,
  opts: StopSignalOptions = {},
): Promise<T> {
  const abort = new AbortController();
  const state: StopState = { signal: null };
  const onSignal = (name: 'SIGINT' | 'SIGTERM') => {
    if (state.signal !== null) process.exit(exitCodeOfSignal(name));
    state.signal = name;
    opts.onStop?.(name);
    abort.abort(new ConnectorError('ABORTED', `stopped by ${name}`));
  };
  const onInt = () => onSignal('SIGINT');
  const onTerm = () => onSignal('SIGTERM');
  process.on('SIGINT', onInt);
  process.on('SIGTERM', onTerm);
  try {
    return await job(abort.signal, state);
  } finally {
    process.off('SIGINT', onInt);
    process.off('SIGTERM', onTerm);
  }
}
