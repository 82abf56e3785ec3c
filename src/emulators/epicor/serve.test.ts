import { expect, it } from 'vitest';
import { serveEpicorEmulator } from './serve.ts';

it('serveEpicorEmulator prints the base URL and demo credentials and stops when aborted', async () => {
  const lines: string[] = [];
  const stop = new AbortController();
  const done = serveEpicorEmulator({ port: 0, seed: 1, scale: 0.05, print: (l) => lines.push(l), signal: stop.signal });
  while (lines.length === 0) await new Promise((r) => setTimeout(r, 10));
  const url = /(http:\/\/127\.0\.0\.1:\d+\/kinetic)/.exec(lines[0])![1];
  expect(lines[0]).toContain('demo-api-key');
  expect(lines[0]).toContain('ml-connector-demo');
  const res = await fetch(`${url}/api/v2/odata/EPIC06/Erp.BO.CompanySvc/Companies`, {
    headers: {
      'x-api-key': 'demo-api-key',
      authorization: `Basic ${Buffer.from('manager:manager').toString('base64')}`,
    },
  });
  expect(res.status).toBe(200);
  stop.abort();
  await done;
  await expect(fetch(`${url}/api/v2/odata/EPIC06/Erp.BO.CompanySvc/Companies`)).rejects.toThrow();
});
