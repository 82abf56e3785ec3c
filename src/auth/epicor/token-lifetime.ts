/** Seconds from a token response's lifetime field (number or numeric string); undefined when absent or unusable. */
export function lifetimeSeconds(value: unknown): number | undefined {
  const n = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : NaN;
  return Number.isFinite(n) && n > 0 ? n : undefined;
}
