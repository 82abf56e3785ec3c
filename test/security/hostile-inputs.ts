// biome-ignore-all lint/suspicious/noTemplateCurlyInString: hostile values include ${...} on purpose
/** Hostile strings the security tests feed in as Epicor values and as identifiers. */

/** Values that would change a statement if they were ever spliced into SQL text. */
export const HOSTILE_VALUES = [
  "'; DROP TABLE x; --",
  '`; DROP TABLE main.epicor.dim_vendor; --',
  'Robert\'); DROP TABLE "Students";--',
  'O\'Brien "Supplies" `Ltd`',
  "' OR '1'='1",
  "\\'; DELETE FROM main.epicor.dim_vendor; --",
  '${env:HOME}',
  '${secret:epicor_api_key}',
  'a;b--c/*d*/e',
  ':instance :company ? $1 %s',
  'line\nbreak\r\ttab',
  'ünïcödé ✓ 𝄞 \u202e',
  "x'".repeat(600),
];

/** Names that must never become identifiers in generated SQL. */
export const HOSTILE_NAMES = [
  'x`; DROP TABLE t; --',
  "x'; DROP TABLE t; --",
  'a b',
  'a.b',
  'a--b',
  'a/*b*/',
  'a;b',
  '${env:HOME}',
  'new\nline',
  '',
  '1abc',
  'ünï',
  'x'.repeat(256),
];
