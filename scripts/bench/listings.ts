/**
 * `npm run bench -- listings`: the grid's server-side query path at scale. A fresh database gets
 * 1,000,000 listings over 100 dealers (10,000 for the measured one); then the grid's own query
 * function runs typical views and searches. Prints the EXPLAIN of the main queries, then one JSON
 * line: {"bench":"listings-grid","rows","dealerRows","p50Ms","p95Ms","searchP95Ms"}.
 * Targets: p95 ≤ 150 ms, search p95 ≤ 100 ms.
 */
import pg from "pg";
import { startTestDatabase } from "../lib/embedded-db";

const TOTAL = Number(process.env.BENCH_LISTINGS_TOTAL ?? 1_000_000);
const DEALERS = 100;
const RUNS = 60;

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
};
const round = (n: number) => Math.round(n * 10) / 10;

async function generate(client: pg.Client) {
  await client.query(`INSERT INTO "Dealer" (id, slug, name, country, "updatedAt") SELECT 'bench-dealer-' || g, 'bench-' || g, 'Bench dealer ' || g, 'BE', now() FROM generate_series(1, ${DEALERS}) g`);
  // Faster to build the indexes once after the rows are in.
  const { rows: indexes } = await client.query<{ indexname: string; indexdef: string }>(
    `SELECT indexname, indexdef FROM pg_indexes WHERE tablename = 'Listing' AND indexdef NOT LIKE 'CREATE UNIQUE%'`,
  );
  for (const i of indexes) await client.query(`DROP INDEX "${i.indexname}"`);
  await client.query(`
    INSERT INTO "Listing" (id, "dealerId", reference, status, title, make, model, year, mileage, price, currency, "fuelType", "postalCode", images, "searchText", "updatedAt", "createdAt")
    SELECT 'bench-l-' || g,
           'bench-dealer-' || (1 + (g % ${DEALERS})),
           'REF-' || g,
           (ARRAY['ACTIVE','ACTIVE','ACTIVE','RESERVED','DRAFT','SOLD'])[1 + (g % 6)]::"ListingStatus",
           m.make || ' ' || m.model || ' ' || (2005 + g % 20),
           m.make, m.model, 2005 + g % 20, ((g::bigint * 7919) % 300000)::int,
           CASE WHEN g % 17 = 0 THEN NULL ELSE 5000 + (g::bigint * 31) % 60000 END,
           'EUR', (ARRAY['petrol','diesel','electric','hybrid'])[1 + g % 4],
           CASE WHEN g % 23 = 0 THEN NULL ELSE '9000' END,
           CASE WHEN g % 11 = 0 THEN ARRAY[]::text[] ELSE ARRAY['https://img.test/' || g || '.jpg'] END,
           lower('ref-' || g || ' ' || m.make || ' ' || m.model || ' ' || (2005 + g % 20) || ' ' || chr(65 + g % 26) || chr(65 + (g / 26) % 26) || chr(65 + (g / 676) % 26) || (100 + g % 900)),
           now() - (g || ' seconds')::interval, now()
    FROM generate_series(1, ${TOTAL}) g
    CROSS JOIN LATERAL (SELECT (ARRAY['Volkswagen','Opel','BMW','Audi','Peugeot','Renault','Toyota','Skoda','Ford','Volvo','Kia','Tesla'])[1 + g % 12] AS make,
                               (ARRAY['Golf','Corsa','320d','A3','3008','Clio','Yaris','Octavia','Focus','XC60','Ceed','Model 3'])[1 + g % 12] AS model) m`);
  for (const i of indexes) await client.query(i.indexdef);
  await client.query(`ANALYZE "Listing"`);
}

export default async function run() {
  const database = await startTestDatabase();
  const client = new pg.Client({ connectionString: database.url });
  await client.connect();
  try {
    const started = Date.now();
    await generate(client);
    console.error(`generated ${TOTAL.toLocaleString("en")} listings in ${((Date.now() - started) / 1000).toFixed(1)} s`);

    process.env.DATABASE_URL = database.url;
    process.env.AUTH_SECRET ??= "bench-secret-bench-secret-bench-secret-0000";
    process.env.VAULT_KEYS ??= "b1:" + Buffer.alloc(32, 1).toString("base64");
    const { queryListingsGrid, parseGridQuery } = await import("@/lib/listings/grid");
    const { db } = await import("@/lib/db");
    const dealerId = "bench-dealer-1";
    const dealerRows = (await client.query(`SELECT count(*)::int AS n FROM "Listing" WHERE "dealerId" = $1`, [dealerId])).rows[0].n as number;

    // What staff do most: first page, sorted columns, status and make filters, a deep page, "missing" filters.
    const views: Record<string, string>[] = [
      {}, { sort: "price", dir: "asc" }, { sort: "mileage", dir: "desc" }, { status: "active" }, { make: "Volvo" },
      { page: "40", size: "100" }, { missing: "images" }, { status: "reserved", sort: "year", dir: "desc" }, { missing: "price", sort: "title", dir: "asc" },
    ];
    const searches = ["volvo", "ref-41", "xc60 2019", "golf", "kqa", "octavia", "model 3", "ref-99999"];
    const time = async (q: Record<string, string>) => {
      const t = performance.now();
      await queryListingsGrid(dealerId, parseGridQuery(q));
      return performance.now() - t;
    };
    for (const v of views) await time(v); // warm the pool and caches
    const gridTimes: number[] = [];
    const searchTimes: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      for (const v of views) gridTimes.push(await time(v));
      for (const s of searches) searchTimes.push(await time({ q: s }));
    }

    const explain = async (label: string, sql: string, params: unknown[]) => {
      const { rows } = await client.query(`EXPLAIN (ANALYZE, BUFFERS) ${sql}`, params);
      console.error(`\n--- EXPLAIN ${label}\n${rows.map((r) => r["QUERY PLAN"]).join("\n")}`);
    };
    await explain("first page (sorted by updatedAt)", `SELECT id, reference, title FROM "Listing" WHERE "dealerId" = $1 ORDER BY "updatedAt" DESC, id DESC LIMIT 50`, [dealerId]);
    await explain("count", `SELECT count(*) FROM "Listing" WHERE "dealerId" = $1`, [dealerId]);
    await explain("status filter, price sort", `SELECT id FROM "Listing" WHERE "dealerId" = $1 AND status = 'ACTIVE' ORDER BY price ASC NULLS LAST, id ASC LIMIT 50`, [dealerId]);
    await explain("search", `SELECT id FROM "Listing" WHERE "dealerId" = $1 AND "searchText" LIKE $2 ORDER BY "updatedAt" DESC, id DESC LIMIT 50`, [dealerId, "%xc60 2019%"]);
    await db.$disconnect();

    console.log(JSON.stringify({
      bench: "listings-grid", rows: TOTAL, dealerRows,
      p50Ms: round(percentile(gridTimes, 50)), p95Ms: round(percentile(gridTimes, 95)), searchP95Ms: round(percentile(searchTimes, 95)),
      samples: gridTimes.length + searchTimes.length, path: "queryListingsGrid (rows + count, Prisma over node-postgres)",
    }));
  } finally {
    await client.end();
    await database.stop();
  }
}
