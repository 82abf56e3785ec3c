/** docs/er-diagram.md: a Mermaid ER diagram of dimensions and facts, from the catalog's key references. */
import { ENTITIES, surrogateKeyColumn } from '../../src/source/epicor/catalog.ts';
import { generatedNotice } from './markdown.ts';

export function renderErDiagram(): string {
  const byName = new Map(ENTITIES.map((e) => [e.name, e]));
  const lines = ['erDiagram'];
  for (const e of ENTITIES) {
    const attrs = [`    string ${surrogateKeyColumn(e)} PK`];
    for (const r of e.references) attrs.push(`    string ${r.column} FK`);
    lines.push(`  ${e.table} {`, ...attrs, '  }');
  }
  for (const e of ENTITIES) {
    for (const r of e.references) {
      const target = byName.get(r.target);
      if (target) lines.push(`  ${target.table} ||--o{ ${e.table} : ${r.column}`);
    }
  }
  return `${generatedNotice('src/source/epicor/catalog.ts')}

# How the tables join

Every arrow is an equality join on a surrogate key: the fact's reference column holds exactly the value of the
other table's own key (both are the same hash of instance, company and the Epicor key fields), so no lookup table
is needed. Facts hold every version of a record: join the \`_current\` views (e.g. \`fact_ap_invoice_current\`)
unless you want history. A reference whose target record was never loaded (or was deleted in Epicor) still has a
value; use a \`LEFT JOIN\` where that matters.

\`\`\`mermaid
${lines.join('\n')}
\`\`\`
`;
}
