import { syntaxError } from './sql-error.ts';
import { closingParen, isOp, type Token } from './sql-tokens.ts';

/**
 * The Spark type written at `tokens[i]` with its parameters joined (`DECIMAL(18,4)`), and the index after it; a
 * missing type fails as a syntax error at `missing` (what the caller shows when the input ends there).
 */
export function readTypeText(tokens: Token[], i: number, missing: string): { typeText: string; next: number } {
  const typeTok = tokens[i++];
  if (typeTok?.kind !== 'word') throw syntaxError(typeTok?.value ?? missing);
  let typeText = typeTok.value;
  if (isOp(tokens[i], '(')) {
    const close = closingParen(tokens, i);
    typeText += `(${tokens
      .slice(i + 1, close)
      .map((t) => t.value)
      .join('')})`;
    i = close + 1;
  }
  return { typeText, next: i };
}
