/**
 * Runs `job` with an AbortSignal that SIGINT/SIGTERM abort, so a long command stops between steps (no entity left
 * half-committed) instead of dying mid-write; the handlers are removed when the job ends.
 */
export async function withStopSignal<T>(job: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const abort = new AbortController();
  const onSignal = () => abort.abort(new Error('stopped by signal'));
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  try {
    return await job(abort.signal);
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}
