/**
 * PACKAGE TEST (uses npm and the registry or its cache; ~15 s idle, minutes on a loaded machine): `npm pack` → `npm install -g --prefix <tmp>` →
 * the installed `ml-connector` runs from an unrelated directory: --version, init, demo (both emulators and a sync).
 * Also checks what the tarball holds (no tests, bench or fixtures) and that only runtime dependencies install.
 * dist/ is fresh: the suite's global setup built it from these sources.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const ROOT = join(import.meta.dirname, '../..');
const NPM = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
const work = mkdtempSync(join(tmpdir(), 'mlc-pack-'));

afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('the packed tarball', () => {
  // npm install plus a whole demo: ~15 s on an idle 2-core machine, far more on a loaded one.
  it('installs globally and runs --version, init and demo from any directory', { timeout: 240_000 }, async () => {
    // --ignore-scripts: dist/ was just built by the global setup; `prepare` would only build it again.
    const packed = await run(NPM, ['pack', '--ignore-scripts', '--json', '--pack-destination', work], { cwd: ROOT });
    const [info] = JSON.parse(packed.stdout) as { filename: string; files: { path: string }[]; size: number }[];
    const files = info.files.map((f) => f.path);
    expect(files).toContain('dist/main.js');
    expect(files).toContain('bin/ml-connector.js');
    expect(files).toContain('LICENSE');
    expect(files).toContain('docs/configuration.md');
    expect(files.filter((f) => /(^|\/)(test|bench|fixtures?)\/|\.test\.|^src\//.test(f))).toEqual([]);

    const prefix = join(work, 'prefix');
    await run(NPM, ['install', '-g', '--prefix', prefix, '--no-audit', '--no-fund', join(work, info.filename)], {
      cwd: work,
      timeout: 120_000,
    });
    const installed = join(prefix, 'lib', 'node_modules', 'ml-connector');
    // Only runtime dependencies: the dev tooling (tsx, typescript, vitest, esbuild) is not installed.
    const deps = readdirSync(join(installed, 'node_modules'));
    for (const dev of ['tsx', 'typescript', 'vitest', 'esbuild', 'zod']) expect(deps).not.toContain(dev);
    for (const dep of Object.keys(pkg.dependencies))
      expect(existsSync(join(installed, 'node_modules', dep))).toBe(true);

    const bin = join(prefix, 'bin', 'ml-connector');
    const elsewhere = join(work, 'elsewhere');
    mkdirSync(elsewhere);
    const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1' };
    delete env.ML_CONNECTOR_MASTER_KEY;

    const version = await run(bin, ['--version'], { cwd: elsewhere, env });
    expect(version.stdout.trim()).toBe(pkg.version);

    await run(bin, ['init'], { cwd: elsewhere, env });
    expect(existsSync(join(elsewhere, 'ml-connector.yaml'))).toBe(true);
    expect(existsSync(join(elsewhere, '.ml-connector', 'master.key'))).toBe(true);

    const demo = await run(bin, ['demo'], { cwd: elsewhere, env, timeout: 180_000, maxBuffer: 64 * 1024 * 1024 });
    expect(demo.stdout).toMatch(/sync/);
  });
});
