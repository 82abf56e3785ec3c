import type { Clock } from '../../../clock.ts';
import { ConnectorError } from '../../../errors.ts';
import { untilAbort } from '../../../on-abort.ts';

/** The error a stopped run's Databricks call ends with (the signal's own reason when it is a ConnectorError). */
export function abortedError(signal: AbortSignal | undefined, what: string): ConnectorError {
  const reason = signal?.reason;
  if (reason instanceof ConnectorError) return reason;
  return new ConnectorError('ABORTED', `${what} was stopped.`, { cause: reason });
}

/** Settles like `p`, or rejects as soon as `signal` fires (`p` keeps running; its outcome is then ignored). */
export function untilAborted<T>(p: Promise<T>, signal: AbortSignal | undefined, what: string): Promise<T> {
  return untilAbort(p, signal, () => abortedError(signal, what));
}

/** Sleeps on the injected clock, waking early (rejecting) when `signal` fires. */
export function sleepUnlessAborted(clock: Clock, ms: number, signal: AbortSignal | undefined, what: string) {
  return untilAborted(clock.sleep(ms, signal), signal, what);
}
