#!/usr/bin/env node
// Runs the compiled CLI in dist/ (`npm run build`; `npm ci` and `npm pack` build it through `prepare`).
// During development `npm run dev -- <args>` runs the TypeScript sources through tsx instead.
try {
  await import('../dist/main.js');
} catch (e) {
  if (e?.code === 'ERR_MODULE_NOT_FOUND' && String(e.message).includes('dist/main.js')) {
    process.stderr.write('error: the compiled CLI is missing: run `npm run build` in the ml-connector folder.\n');
    process.exit(1);
  }
  throw e;
}
