/**
 * Dev probe of the connector's per-record CPU without emulators in the way: fetches every record of a few entities
 * from an in-process Epicor emulator once, then times (in this process, no I/O) JSON parsing, mapping and Parquet
 * encoding of all of them. Usage: `node --import tsx bench/encode-probe.ts [scale] [codec]`.
 */

import { type Part, PartWriter } from '../src/destination/databricks/parquet/part-writer.ts';
import { createEpicorEmulator } from '../src/emulators/epicor/index.ts';
import { buildTargetSchema } from '../src/mapping/build-target-schema.ts';
import { createRecordMapper } from '../src/mapping/record-mapper.ts';
import { ENTITIES } from '../src/source/epicor/catalog.ts';
import { fieldsOfEntitySet, parseCsdl } from '../src/source/epicor/csdl.ts';
import { parseJsonLossless } from '../src/source/epicor/lossless-json.ts';

const scale = Number(process.argv[2] ?? 2);
const codec = (process.argv[3] ?? 'GZIP') as 'GZIP' | 'UNCOMPRESSED';
const epicor = createEpicorEmulator({ seed: 1, scale });
const base = await epicor.listen(0);
const headers = {
  'x-api-key': 'demo-api-key',
  authorization: `Basic ${Buffer.from('manager:manager').toString('base64')}`,
};
const names = ['gl_journal_lines', 'ap_invoice_lines', 'purchase_order_lines', 'parts', 'vendors'];
let parseMs = 0;
let mapMs = 0;
let writeMs = 0;
let records = 0;
let bytes = 0;
let parts = 0;
for (const entity of ENTITIES.filter((e) => names.includes(e.name))) {
  const root = `${base}/api/v2/odata/EPIC06/${entity.service}`;
  const csdl = parseCsdl(await (await fetch(`${root}/$metadata`, { headers })).text());
  const fields = fieldsOfEntitySet(csdl, entity.entitySet)!.fields;
  const { schema } = buildTargetSchema(entity, fields);
  const bodies: string[] = [];
  for (let skip = 0; ; skip += 1000) {
    const url = `${root}/${entity.entitySet}?$select=${fields.map((f) => f.name).join(',')}&$orderby=SysRevID&$top=1000&$skip=${skip}`;
    const text = await (await fetch(url, { headers })).text();
    bodies.push(text);
    if (!text.includes('"SysRevID"') || (JSON.parse(text).value as unknown[]).length < 1000) break;
  }
  const mapper = createRecordMapper(entity, schema, {
    instance: `${base}`,
    company: 'EPIC06',
    syncId: '00000000-0000-0000-0000-000000000001',
    syncedAt: new Date(),
  });
  const got: Part[] = [];
  const writer = new PartWriter({ columns: schema.columns, codec, onPart: async (p) => void got.push(p) });
  for (const body of bodies) {
    let t = performance.now();
    const page = parseJsonLossless<{ value: Record<string, unknown>[] }>(body).value;
    parseMs += performance.now() - t;
    t = performance.now();
    const rows = page.map((r) => mapper(r));
    mapMs += performance.now() - t;
    t = performance.now();
    for (const r of rows) if (r.ok) await writer.write(r.row);
    writeMs += performance.now() - t;
    records += page.length;
  }
  const t = performance.now();
  await writer.finish();
  writeMs += performance.now() - t;
  bytes += got.reduce((a, p) => a + p.bytes.length, 0);
  parts += got.length;
}
await epicor.close();
const us = (ms: number) => ((ms * 1000) / records).toFixed(1);
console.log(
  `${records} records: parse ${us(parseMs)} µs, map ${us(mapMs)} µs, write ${us(writeMs)} µs per record; ` +
    `${parts} parts, ${(bytes / 1048576).toFixed(1)} MB (${codec})`,
);
