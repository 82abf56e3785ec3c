import { startWorkspace } from '/work/wt-analytics/src/emulators/databricks/test-client.ts';
const ws = await startWorkspace();
const stmts = process.argv.slice(2);
for (const s of stmts) {
  const r = await ws.sql(s);
  console.log(s.slice(0, 90), '=>', r.status?.state, r.status?.error?.message?.slice(0, 200) ?? JSON.stringify(r.result?.data_array)?.slice(0, 200), JSON.stringify(r.manifest?.schema?.columns?.map((c: any) => c.name + ':' + c.type_name)));
}
await ws.emu.close();
