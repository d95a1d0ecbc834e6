/**
 * Enrolment (issue #15, item 4): a marketplace connection added by a dealer publishes nothing by
 * itself; the dealer sees which cars pass its pre-flight and which need work (in their words), and
 * only the cars chosen are enabled there and sent by the next sync. Real actions (the action chain
 * with its permission check), a real database, the Blocket simulator over HTTP.
 */
import { SANDBOX_PORTS } from "../connections/sandbox-env";
import "../sync/env";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
process.env.SYNC_BOSS_SCHEMA = "pgboss_enrolment";
import { signInAs } from "../foundation/session";
import { startBlocketSandbox } from "@/sandbox/blocket/index";
import { createConnectionAction } from "@/app/(dashboard)/d/[dealer]/settings/connections/actions";
import { enrolCarsAction, enrolmentChoiceAction } from "@/app/(dashboard)/d/[dealer]/settings/connections/enrolment-actions";
import { bulkChannelAction, undoChangesAction } from "@/app/(dashboard)/d/[dealer]/listings/actions";
import { db } from "@/lib/db";
import { translatorFor } from "@/lib/i18n/translator";
import { problemWords } from "@/components/listings/problem-words";
import { stopQueue } from "@/lib/sync/queue";
import { BLOCKET_TOKEN, blocketCar, insertListings, makeAdmin, makeConnection, makeDealer, okasieCar, syncNow } from "../sync/helpers";

let blocket: Awaited<ReturnType<typeof startBlocketSandbox>>;
beforeAll(async () => { blocket = await startBlocketSandbox({ port: SANDBOX_PORTS.blocket, processingDelayMs: 20 }); });
afterAll(async () => { await blocket?.close(); await stopQueue(); });

/** The field message on the chosen cars (`ids`), as a catalog message. */
const idsError = (errors: unknown) => (errors as { ids?: { _errors?: string[] } } | undefined)?.ids?._errors?.[0];

/** The simulator's ads of one test (by reference prefix). */
const adsOnBlocket = (prefix: string) => [...blocket.sandbox.state.store.all()].filter((a) => a.sourceId.startsWith(prefix)).map((a) => a.sourceId).sort();

/** A Swedish dealer with an admin signed in, two cars ready for Blocket and a Belgian stock (EUR, no plate). */
async function dealerWithMixedStock(prefix: string) {
  const dealer = await makeDealer("SE");
  const admin = await makeAdmin(dealer.id);
  await signInAs(admin.email);
  const belgian = (n: number) => okasieCar(`${prefix}-BE${n}`, n); // EUR price, no registration number or VIN
  const cars = await insertListings(dealer.id, [blocketCar(`${prefix}-SE1`, 1), blocketCar(`${prefix}-SE2`, 2), blocketCar(`${prefix}-SE3`, 3), belgian(1), belgian(2)]);
  const byRef = (ref: string) => cars.find((c) => c.reference === `${prefix}-${ref}`)!;
  return { dealer, admin, cars, byRef };
}

/** Adds a Blocket connection as the dealer's admin would (token checked with the simulator). */
async function addBlocket(slug: string) {
  const created = await createConnectionAction({ dealer: slug, name: "Blocket", marketplace: "BLOCKET", environment: "SANDBOX", token: BLOCKET_TOKEN, dealerCode: "FC-STHLM", tokenScope: "dealer_group" });
  expect(created.data?.id).toBeTruthy();
  // Blocket asks first whether ads made in its back office are to be taken over; this dealer has none.
  await db.connection.update({ where: { id: created.data!.id }, data: { migrationState: "SKIPPED" } });
  return created.data!.id;
}

describe("enrolment", () => {
  test("a new connection enrols nothing: the next sync sends no car", async () => {
    const { dealer } = await dealerWithMixedStock("EN0");
    const connectionId = await addBlocket(dealer.slug);
    expect(await db.connection.findUniqueOrThrow({ where: { id: connectionId } })).toMatchObject({ publishesEveryCar: false });
    const run = await syncNow(dealer.id, connectionId);
    expect(run).toMatchObject({ created: 0, updated: 0, failed: 0 });
    expect(await db.publication.count({ where: { dealerId: dealer.id } })).toBe(0);
    expect(adsOnBlocket("EN0-")).toEqual([]);
  });

  test("the pre-flight split of a Belgian stock on Blocket names the EUR price and the missing plate, in the reader's language", async () => {
    const { dealer } = await dealerWithMixedStock("EN1");
    const connectionId = await addBlocket(dealer.slug);
    const { data: choice } = await enrolmentChoiceAction({ dealer: dealer.slug, connectionId });
    expect(choice!.ready.map((c) => c.reference)).toEqual(["EN1-SE1", "EN1-SE2", "EN1-SE3"]);
    expect(choice!.needsWork.map((c) => c.reference)).toEqual(["EN1-BE1", "EN1-BE2"]);
    const problems = choice!.needsWork[0].problems.filter((p) => p.severity === "error");
    expect(problems.map((p) => [p.field, p.code])).toEqual(expect.arrayContaining([["currency", "currency_not_sek"], ["registrationNumber", "registration_or_vin_required"]]));
    // As the Swedish and English dealers read them: the fix, not a code.
    for (const [language, sek, plate] of [["sv", /SEK/, /registreringsnummer/i], ["en", /SEK/, /registration number/i]] as const) {
      const { t } = await translatorFor(language);
      const words = problems.map((p) => problemWords(t, "BLOCKET", p).text).join(" | ");
      expect(words).toMatch(sek);
      expect(words).toMatch(plate);
    }
    expect(await db.publication.count({ where: { dealerId: dealer.id } })).toBe(0); // seeing the choice writes nothing
  });

  test("enrolling chosen cars enables exactly those, audited and undoable; the next sync sends exactly those", async () => {
    const { dealer, admin, byRef } = await dealerWithMixedStock("EN2");
    const connectionId = await addBlocket(dealer.slug);

    // A car that needs work is refused, and with it the whole choice: nothing changes.
    const refused = await enrolCarsAction({ dealer: dealer.slug, connectionId, ids: [byRef("SE1").id, byRef("BE1").id] });
    expect((await translatorFor("en")).text(idsError(refused.validationErrors))).toMatch(/does not pass the marketplace's checks yet: EN2-BE1/);
    expect(await db.publication.count({ where: { dealerId: dealer.id } })).toBe(0);

    const chosen = [byRef("SE1").id, byRef("SE3").id];
    const enrolled = await enrolCarsAction({ dealer: dealer.slug, connectionId, ids: chosen });
    expect(enrolled.data).toMatchObject({ enrolled: 2, changeSetId: expect.any(String) });
    const pubs = await db.publication.findMany({ where: { dealerId: dealer.id, connectionId } });
    expect(pubs.map((p) => p.listingId).sort()).toEqual([...chosen].sort());
    expect(pubs.every((p) => p.enabled)).toBe(true);
    const audit = await db.auditEvent.findFirstOrThrow({ where: { dealerId: dealer.id, action: "listing.channel_enabled", targetId: connectionId } });
    expect(audit).toMatchObject({ actorId: admin.id, data: expect.objectContaining({ enrolment: true, count: 2, references: ["EN2-SE1", "EN2-SE3"] }) });

    // The choice now offers the rest; the next sync sends exactly the chosen cars.
    const { data: after } = await enrolmentChoiceAction({ dealer: dealer.slug, connectionId });
    expect(after!.enrolled).toBe(2);
    expect(after!.ready.map((c) => c.reference)).toEqual(["EN2-SE2"]);
    const run = await syncNow(dealer.id, connectionId);
    expect(run).toMatchObject({ created: 2, failed: 0, total: 2 });
    expect(adsOnBlocket("EN2-")).toEqual(["EN2-SE1", "EN2-SE3"]);

    // "Publish there" from the grid is the same enrolment: a car that needs work is refused there too.
    const bulk = await bulkChannelAction({ dealer: dealer.slug, ids: [byRef("BE2").id], connectionId, enabled: true });
    expect(idsError(bulk.validationErrors)).toBeTruthy();
    expect(await db.publication.count({ where: { dealerId: dealer.id, listingId: byRef("BE2").id } })).toBe(0);

    // Undo switches the enrolled cars off again (the next sync then takes them down).
    const undone = await undoChangesAction({ dealer: dealer.slug, changeSetId: enrolled.data!.changeSetId! });
    expect(undone.data?.restored).toBe(2);
    expect(await db.publication.count({ where: { dealerId: dealer.id, connectionId, enabled: true } })).toBe(0);
  });

  test("another dealer's cars or connection are not found, and nothing changes; a viewer may not enrol", async () => {
    const mine = await dealerWithMixedStock("EN3");
    const theirs = await dealerWithMixedStock("EN4"); // signs in as EN4's admin
    const theirConnection = await addBlocket(theirs.dealer.slug);
    await signInAs(mine.admin.email);
    const myConnection = await addBlocket(mine.dealer.slug);

    const foreignCar = await enrolCarsAction({ dealer: mine.dealer.slug, connectionId: myConnection, ids: [mine.byRef("SE1").id, theirs.byRef("SE1").id] });
    expect(foreignCar.serverError).toBe("Not found.");
    const foreignChoice = await enrolmentChoiceAction({ dealer: mine.dealer.slug, connectionId: myConnection, ids: [theirs.byRef("SE2").id] });
    expect(foreignChoice.serverError).toBe("Not found.");
    const foreignConnection = await enrolCarsAction({ dealer: mine.dealer.slug, connectionId: theirConnection, ids: [mine.byRef("SE1").id] });
    expect(foreignConnection.serverError).toBe("Not found.");
    // Naming the other dealer outright: not a member there.
    expect((await enrolCarsAction({ dealer: theirs.dealer.slug, connectionId: theirConnection, ids: [theirs.byRef("SE1").id] })).serverError).toBe("Not found.");

    const viewer = await db.user.create({ data: { email: `viewer-${mine.dealer.slug}@sync.test`, name: "Viewer", passwordHash: "x" } });
    await db.membership.create({ data: { dealerId: mine.dealer.id, userId: viewer.id, role: "VIEWER" } });
    await signInAs(viewer.email);
    expect((await enrolCarsAction({ dealer: mine.dealer.slug, connectionId: myConnection, ids: [mine.byRef("SE1").id] })).serverError).toBe("Not found.");

    expect(await db.publication.count({ where: { dealerId: { in: [mine.dealer.id, theirs.dealer.id] } } })).toBe(0);
  });

  test("a connection made before enrolment keeps publishing every car it did", async () => {
    const { dealer } = await dealerWithMixedStock("EN5");
    const connection = await makeConnection(dealer.id, "BLOCKET", blocket.baseUrl); // as stored before the migration: the column's default
    expect(connection.publishesEveryCar).toBe(true);
    const run = await syncNow(dealer.id, connection.id);
    expect(run).toMatchObject({ created: 3, failed: 2 });
    expect(adsOnBlocket("EN5-")).toEqual(["EN5-SE1", "EN5-SE2", "EN5-SE3"]);
  });
});
