/**
 * A world of its own for the fuzz test: two dealers (A and B) with people, cars, a connection, a
 * sync run and its history, created fresh per run so that nothing another test file does at the
 * same time changes what the checksum sees.
 */
import { db } from "@/lib/db";
import { hashPassword } from "@/lib/auth/password";
import { listingSchema } from "@/lib/listings/schema";
import { toRow } from "@/lib/listings/store";
import { lastFour, seal } from "@/lib/vault";
import { car } from "../../listings/helpers";

export type World = Awaited<ReturnType<typeof createWorld>>;

export async function createWorld() {
  const tag = `fz${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
  const passwordHash = await hashPassword("fuzz-password-123");
  const user = (label: string, isPlatformAdmin = false) =>
    db.user.create({ data: { email: `${label}-${tag}@fuzz.test`, name: `Fuzz ${label}`, passwordHash, isPlatformAdmin } });

  async function dealer(suffix: "a" | "b", country: "BE" | "SE") {
    const d = await db.dealer.create({ data: { slug: `${tag}-${suffix}`, name: `Fuzz ${suffix.toUpperCase()}`, country } });
    const listings = [];
    for (let i = 0; i < 3; i++) {
      const row = toRow(listingSchema.parse(car({ reference: `${tag}-${suffix}-${i}`, currency: country === "BE" ? "EUR" : "SEK" })));
      listings.push(await db.listing.create({ data: { ...row, dealerId: d.id } }));
    }
    const connectionId = `${tag}-${suffix}-conn`;
    const sealed = seal("fuzz-secret-token", connectionId);
    const connection = await db.connection.create({
      data: { id: connectionId, dealerId: d.id, name: `Okasie ${suffix}`, marketplace: "OKASIE", environment: "SANDBOX", baseUrl: "http://127.0.0.1:9/api/external/v1", tokenCiphertext: sealed.ciphertext, tokenKeyId: sealed.keyId, tokenLast4: lastFour("fuzz-secret-token"), lastCheckStatus: "ok", enabled: false },
    });
    await db.publication.create({ data: { dealerId: d.id, listingId: listings[0].id, connectionId, state: "LIVE", remoteId: `${tag}-${suffix}-remote`, sentHash: "h" } });
    const run = await db.syncRun.create({ data: { dealerId: d.id, connectionId, trigger: "MANUAL", status: "NEEDS_CONFIRMATION", pendingRemovals: 9 } });
    await db.syncItem.create({ data: { dealerId: d.id, syncRunId: run.id, listingId: listings[0].id, reference: listings[0].reference, action: "create", outcome: "live" } });
    await db.adLog.create({ data: { dealerId: d.id, listingId: listings[0].id, connectionId, reference: listings[0].reference, remoteId: "r", remoteKey: `${tag}-${suffix}-log`, action: "create", state: "done", at: new Date() } });
    return { dealer: d, listings, connection, run };
  }

  const a = await dealer("a", "BE");
  const b = await dealer("b", "SE");
  const people = {
    aAdmin: await user("a-admin"), aStaff: await user("a-staff"), aViewer: await user("a-viewer"),
    bAdmin: await user("b-admin"), platformAdmin: await user("platform-admin", true), nobody: await user("no-dealer"),
  };
  await db.membership.createMany({
    data: [
      { dealerId: a.dealer.id, userId: people.aAdmin.id, role: "ADMIN" },
      { dealerId: a.dealer.id, userId: people.aStaff.id, role: "STAFF" },
      { dealerId: a.dealer.id, userId: people.aViewer.id, role: "VIEWER" },
      { dealerId: b.dealer.id, userId: people.bAdmin.id, role: "ADMIN" },
    ],
  });
  return { tag, a, b, people };
}

/** B's identifiers, as an attacker at A would try them. */
export function otherDealerIds(world: World) {
  const { b, people } = world;
  return [b.dealer.id, b.dealer.slug, b.connection.id, b.run.id, ...b.listings.map((l) => l.id), ...b.listings.map((l) => l.reference), people.bAdmin.id];
}

/**
 * A fingerprint of everything an action could change in this world: both dealers' rows, their
 * people, and every audit event written by or about them. Equal before and after = nothing changed.
 */
export async function checksum(world: World): Promise<string> {
  const dealers = [world.a.dealer.id, world.b.dealer.id];
  const personas = Object.values(world.people).map((p) => p.id);
  const tenant = (table: string) => `SELECT md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), '')) FROM "${table}" t WHERE "dealerId" = ANY($1)`;
  const [row] = await db.$queryRawUnsafe<{ sum: string }[]>(
    `SELECT md5(concat_ws(',',
       (SELECT md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), '')) FROM "Dealer" t WHERE id = ANY($1)),
       (${tenant("Membership")}), (${tenant("Connection")}), (${tenant("Listing")}), (${tenant("Publication")}),
       (${tenant("SyncRun")}), (${tenant("SyncItem")}), (${tenant("AdLog")}),
       (SELECT md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), '')) FROM "User" t
          WHERE id = ANY($2) OR id IN (SELECT "userId" FROM "Membership" WHERE "dealerId" = ANY($1))),
       (SELECT md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), '')) FROM "AuditEvent" t
          WHERE "dealerId" = ANY($1) OR "actorId" = ANY($2))
     )) AS sum`,
    dealers,
    personas,
  );
  return row.sum;
}
