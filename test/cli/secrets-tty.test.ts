import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSecretStore } from '../../src/secrets/secret-store.ts';
import { HAS_SCRIPT, startOnPty } from './pty.ts';

let root: string;
beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'mlc-tty-'));
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

// Issue 16 item 1: typed at a terminal, the value used to be thrown away ("no value for tty_test on stdin", exit 2).
describe.skipIf(!HAS_SCRIPT).concurrent('secrets set at a terminal (real pty through `script`)', () => {
  it('stores the typed value, without echoing it', async () => {
    const dir = join(root, 'typed');
    const run = startOnPty(['--config', join(dir, 'ml-connector.yaml'), 'secrets', 'set', 'tty_test'], { cwd: root });
    await run.waitFor(/value for tty_test \(input hidden\): /);
    run.type('Typed-Secret-42\r');
    const { code, output } = await run.done;
    expect(output).toContain('stored tty_test in');
    expect(output).not.toContain('Typed-Secret-42');
    expect(output).not.toContain('no value');
    expect(code).toBe(0);
    const store = await openSecretStore(dir, { env: {} });
    expect(store.get('tty_test')).toBe('Typed-Secret-42');
  });

  it('Ctrl-C at the prompt stores nothing and exits 130', async () => {
    const dir = join(root, 'cancelled');
    const run = startOnPty(['--config', join(dir, 'ml-connector.yaml'), 'secrets', 'set', 'tty_test'], { cwd: root });
    await run.waitFor(/input hidden\): /);
    run.type('half\u0003');
    const { code, output } = await run.done;
    expect(output).toContain('cancelled at the prompt: nothing was stored');
    expect(code).toBe(130);
  });

  it('Enter on an empty line says nothing was typed (exit 2)', async () => {
    const dir = join(root, 'empty');
    const run = startOnPty(['--config', join(dir, 'ml-connector.yaml'), 'secrets', 'set', 'tty_test'], { cwd: root });
    await run.waitFor(/input hidden\): /);
    run.type('\r');
    const { code, output } = await run.done;
    expect(output).toContain('no value typed for tty_test');
    expect(code).toBe(2);
  });
});
