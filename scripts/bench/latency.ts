/**
 * `npm run bench -- latency`: from the editor's save to the marketplace holding the new value.
 * The save goes through lib/listings/commands.ts `saveListing` (what the editor's save action
 * calls after its authorization chain); the worker runs in this process with the production
 * settings (debounce, queue polling, rate limits) against both simulators over HTTP. Edits are
 * spaced beyond the debounce window, as a dealer editing one car after another. One JSON line per
 * marketplace: {"bench":"edit-to-live","marketplace":"okasie"|"blocket","edits":20,"p50Ms","p95Ms"}
 * — Okasie: the simulator holds the new price; Blocket: Blocket accepted it (the simulator's ad
 * holds the new price; publishing follows asynchronously).
 *
 * BENCH_EDITS overrides the number of edits.
 */
import { randomUUID } from "node:crypto";
import { startTestDatabase } from "@/scripts/lib/embedded-db";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

export default async function run(): Promise<void> {
  const edits = Number(process.env.BENCH_EDITS ?? 20);
  const database = await startTestDatabase();
  process.env.DATABASE_URL = database.url;
  process.env.AUTH_SECRET ??= "bench-auth-secret-bench-auth-secret-0123456789";
  process.env.VAULT_KEYS ??= "k1:" + Buffer.alloc(32, 9).toString("base64");
  // Imported only now: they read DATABASE_URL once.
  const { db } = await import("@/lib/db");
  const { env } = await import("@/lib/env");
  const { listingSchema } = await import("@/lib/listings/schema");
  const { toRow, fromRow } = await import("@/lib/listings/store");
  const { saveListing } = await import("@/lib/listings/commands");
  const { seal, lastFour } = await import("@/lib/vault");
  const { requestSync, getRun } = await import("@/lib/sync/service");
  const { startWorker } = await import("@/lib/sync/worker");
  const { stopQueue } = await import("@/lib/sync/queue");
  const { startOkasieSandbox, SANDBOX_SECRET } = await import("@/sandbox/okasie");
  const { startBlocketSandbox } = await import("@/sandbox/blocket");

  const okasie = await startOkasieSandbox({ port: 0 });
  const blocket = await startBlocketSandbox({ port: 0 });
  const worker = await startWorker({ schedules: false, log: () => {} });
  try {
    const user = await db.user.create({ data: { email: `bench-${randomUUID().slice(0, 8)}@latency.test`, name: "Bench", passwordHash: "x" } });
    const setUp = async (marketplace: "OKASIE" | "BLOCKET") => {
      const se = marketplace === "BLOCKET";
      const dealer = await db.dealer.create({ data: { slug: `lat-${marketplace.toLowerCase()}-${randomUUID().slice(0, 6)}`, name: "Latency bench", country: se ? "SE" : "BE" } });
      await db.membership.create({ data: { dealerId: dealer.id, userId: user.id, role: "ADMIN" } });
      const id = `lat-${marketplace.toLowerCase()}-${randomUUID().slice(0, 8)}`;
      const token = se ? "blocket-sandbox-token" : SANDBOX_SECRET;
      const sealed = seal(token, id);
      const connection = await db.connection.create({ data: {
        id, dealerId: dealer.id, name: `${marketplace} bench`, marketplace, environment: "SANDBOX", baseUrl: se ? blocket.baseUrl : okasie.baseUrl,
        tokenCiphertext: sealed.ciphertext, tokenKeyId: sealed.keyId, tokenLast4: lastFour(token),
        ...(se ? { dealerCode: "FC-STHLM", tokenScope: "dealer_group" } : { dealerProfileId: "7f7f7f7f-7f7f-407f-a7f7-7f7f7f7f7f7f", dealerLocationCode: "DEX-GENT" }),
      } });
      const reference = `LAT-${marketplace}-${randomUUID().slice(0, 6)}`;
      const listing = listingSchema.parse(se
        ? { reference, status: "active", title: "Volvo XC60 T5", description: "Välskött.", price: 249_900, currency: "SEK", make: "Volvo", model: "XC60", variant: "T5",
            year: 2021, mileage: 42_000, fuelType: "petrol", transmission: "automatic", bodyType: "suv", registrationNumber: "LAT001", blocketCategory: "car",
            images: ["https://cdn.example.com/latency/1.jpg"] }
        : { reference, status: "active", title: "Volkswagen Golf 1.5 TSI", description: "Goed onderhouden.", price: 18_950, currency: "EUR", make: "Volkswagen", model: "Golf",
            year: 2020, mileage: 48_000, fuelType: "petrol", transmission: "manual", bodyType: "hatchback", doors: 5, seats: 5, postalCode: "9000", city: "Gent", province: "Oost-Vlaanderen",
            images: ["https://photos.example.com/latency/1.jpg"] });
      const row = await db.listing.create({ data: { ...toRow(listing), dealerId: dealer.id } });
      const { runId } = await requestSync({ dealerId: dealer.id, connectionId: connection.id, trigger: "MANUAL" });
      for (let r = await getRun(dealer.id, runId); ["QUEUED", "RUNNING"].includes(r.status); r = await getRun(dealer.id, runId)) await sleep(100);
      return { dealer, connection, listingId: row.id, reference, basePrice: listing.price ?? 0 };
    };
    const targets = { okasie: await setUp("OKASIE"), blocket: await setUp("BLOCKET") };

    const holds = {
      okasie: (reference: string, price: number) => [...okasie.state.store.listings.values()].some((l) => l.externalReference === reference && l.fields.price === price),
      blocket: (reference: string, price: number) => [...blocket.sandbox.state.store.all()].some((a) => a.sourceId === reference
        && (a.data.price as { amount?: number }[] | undefined)?.[0]?.amount === price),
    };

    const spacingMs = (env().SYNC_DEBOUNCE_SECONDS + 1) * 1000;
    const measured = { okasie: [] as number[], blocket: [] as number[] };
    for (let i = 1; i <= edits; i++) {
      await Promise.all((["okasie", "blocket"] as const).map(async (name) => {
        const t = targets[name];
        const price = t.basePrice + i * 100;
        const row = await db.listing.findFirstOrThrow({ where: { id: t.listingId, dealerId: t.dealer.id } });
        const started = performance.now();
        const saved = await saveListing(user.id, t.dealer.id, { id: t.listingId, listing: { ...fromRow(row), price }, channels: {}, confirm: [] });
        if (!saved.id) throw new Error(`${name}: the save needs confirmation (${saved.needsConfirmation.length} warnings)`);
        const deadline = Date.now() + 60_000;
        while (!holds[name](t.reference, price)) {
          if (Date.now() > deadline) {
            const runs = await db.syncRun.findMany({ where: { dealerId: t.dealer.id }, orderBy: { queuedAt: "desc" }, take: 3, select: { trigger: true, status: true, message: true, created: true, updated: true, unchanged: true, failed: true } });
            throw new Error(`${name}: edit ${i} not on the simulator after 60 s; last runs: ${JSON.stringify(runs)}`);
          }
          await sleep(20);
        }
        measured[name].push(performance.now() - started);
      }));
      await sleep(spacingMs);
    }
    for (const name of ["okasie", "blocket"] as const) {
      process.stdout.write(JSON.stringify({
        bench: "edit-to-live", marketplace: name, edits, p50Ms: Math.round(percentile(measured[name], 50)), p95Ms: Math.round(percentile(measured[name], 95)),
        maxMs: Math.round(Math.max(...measured[name])), ...(name === "blocket" ? { holds: "accepted" } : { holds: "live" }),
      }) + "\n");
    }
  } finally {
    await worker.stop();
    await stopQueue();
    await okasie.close();
    await blocket.close();
    await db.$disconnect();
    await database.stop();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  run().then(() => process.exit(0), (err) => { console.error(err); process.exit(1); });
}
