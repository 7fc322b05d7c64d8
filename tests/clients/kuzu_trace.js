// tests/clients/kuzu_trace.js: loads flgraph's property-graph CSV into a fresh Kùzu database with
// the folder's own load_kuzu.cypher and prints, as JSON, the cases a trace from START reaches.
// Usage: node kuzu_trace.js CSV_DIR DB_DIR START MAX_HOPS
const fs = require('fs');
const path = require('path');
const kuzu = require('kuzu');

async function main() {
  const [csvDir, dbDir, start, maxHops] = process.argv.slice(2);
  const db = new kuzu.Database(dbDir);
  const conn = new kuzu.Connection(db);
  const script = fs.readFileSync(path.join(csvDir, 'load_kuzu.cypher'), 'utf8');
  process.chdir(csvDir);
  for (const statement of script.split(';').map((s) => s.replace(/^\s*\/\/.*$/gm, '').trim()).filter(Boolean)) {
    (await conn.query(statement)).close();
  }
  const counts = await (await conn.query('MATCH (n:Entity) RETURN count(n) AS n')).getAll();
  const relCounts = await (await conn.query('MATCH ()-[r:Relation]->() RETURN count(r) AS n')).getAll();
  // flgraph's trace walks against the arrows over the trace kinds: a case reaches the start
  // along the arrows. same_as is free in flgraph; here it costs a hop, so same_as steps are
  // subtracted from a path's length (up to two of them).
  // same_as is symmetric in flgraph: give Kùzu the reverse of each one.
  (await conn.query(`MATCH (a:Entity)-[r:Relation]->(b:Entity) WHERE r.kind = 'same_as'
                     CREATE (b)-[:Relation {type: r.type, id: r.id + '~reverse', kind: 'same_as', confidence: r.confidence}]->(a)`)).close();
  const traceKinds = "['dispatches_workers','operated_by','ships','consigned_to','supplies','owned_by','documents','same_as']";
  const query = `MATCH (c:Entity)-[r:Relation*1..${Number(maxHops) + 2} (e, n | WHERE list_contains(${traceKinds}, e.kind))]->(s:Entity)
                 WHERE s.id = $start AND c.kind = 'case'
                 RETURN DISTINCT c.id AS id, min(size(rels(r)) - size(list_filter(rels(r), x -> x.kind = 'same_as'))) AS hops ORDER BY id`;
  const prepared = await conn.prepare(query);
  const rows = await (await conn.execute(prepared, { start })).getAll();
  const cases = rows.filter((row) => Number(row.hops) <= Number(maxHops)).map((row) => row.id);
  console.log(JSON.stringify({ nodes: Number(counts[0].n), relationships: Number(relCounts[0].n), cases }));
  await conn.close();
  await db.close();
}
main().catch((error) => {
  console.error(String(error && error.message ? error.message : error));
  process.exit(1);
});
