import { createDatabricksEmulator } from './databricks-emulator.ts';
import { DEMO } from './token-store.ts';

/** Starts the emulator on 127.0.0.1, prints its host and demo credentials, and runs until SIGINT/SIGTERM. */
export async function serveDatabricksEmulator(opts: { port?: number; dataDir?: string } = {}): Promise<void> {
  const emu = await createDatabricksEmulator({ dataDir: opts.dataDir });
  const host = await emu.listen(opts.port ?? 0, '127.0.0.1');
  // Public demo values only: these credentials exist nowhere but in this emulator.
  console.log(
    `Databricks emulator at ${host} warehouse=${DEMO.warehouseId} client_id=${DEMO.clientId} client_secret=${DEMO.clientSecret} pat=${DEMO.pat}`,
  );
  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  await emu.close();
}
