/**
 * Honest states (issue #15 item 2): one state per car and marketplace, in that marketplace's own
 * vocabulary (lib/publications/shown-state.ts). First from realistic stored facts, then after real
 * syncs against the Okasie and Blocket simulators over HTTP: the badge's words, the grid's filter
 * (which must find exactly the cars whose badge says so) and the overview's counts.
 */
import "./env";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
process.env.SYNC_BOSS_SCHEMA = "pgboss_states_vocabulary";
import { db } from "@/lib/db";
import { translatorFor } from "@/lib/i18n/translator";
import { parseGridQuery, queryListingsGrid } from "@/lib/listings/grid";
import { shownStateCounts } from "@/lib/publications/shown-counts";
import { shownState, shownWords, statesOf, syncOutcomeWord, type PublicationFacts, type Shown } from "@/lib/publications/shown-state";
import { stateCapabilitiesOf } from "@/lib/publications/state-capabilities";
import { pollConnection } from "@/lib/sync/poll";
import { stopQueue } from "@/lib/sync/queue";
import { startBlocketSandbox } from "@/sandbox/blocket";
import { startOkasieSandbox, type RunningOkasieSandbox } from "@/sandbox/okasie";
import { blocketCar, insertListings, makeConnection, makeDealer, okasieCar, syncNow, updateListing, waitFor } from "./helpers";

const OKASIE = stateCapabilitiesOf("OKASIE");
const BLOCKET = stateCapabilitiesOf("BLOCKET");

const facts = (over: Partial<PublicationFacts>): PublicationFacts => ({
  state: "LIVE", enabled: true, sentAt: new Date("2026-11-20T10:00:00Z"), remoteId: "r-1", remoteStatus: "live", lastErrorCode: null, ...over,
});
const neverSent = { sentAt: null, remoteId: null, remoteStatus: null };

describe("from stored facts", () => {
  it("each marketplace offers only the states it can have", () => {
    expect(statesOf(OKASIE)).toEqual(["notSent", "off", "waiting", "live", "hidden", "sold", "failed"]);
    expect(statesOf(BLOCKET)).toEqual(["notSent", "off", "waiting", "processing", "live", "hidden", "deleted", "failed"]);
  });

  it.each([
    ["no row yet, car for sale", null, "ACTIVE", "waiting", "waiting"],
    ["no row yet, a draft car", null, "DRAFT", "notSent", "notSent"],
    ["turned off, never sent", facts({ state: "NOT_PUBLISHED", enabled: false, ...neverSent }), "ACTIVE", "off", "off"],
    ["queued in a running sync", facts({ state: "QUEUED", ...neverSent }), "ACTIVE", "waiting", "waiting"],
    ["written, not yet confirmed", facts({ state: "ACCEPTED", remoteStatus: "processing" }), "ACTIVE", "live", "processing"],
    ["live", facts({}), "ACTIVE", "live", "live"],
    ["reserved is still online (Okasie pending)", facts({ remoteStatus: "pending" }), "RESERVED", "live", "live"],
    ["sent hidden (draft / visible:false)", facts({ state: "NOT_PUBLISHED", remoteStatus: "draft" }), "DRAFT", "hidden", "hidden"],
    ["taken down by Forecourt", facts({ state: "REMOVED", remoteStatus: "sold" }), "SOLD", "sold", "deleted"],
    ["taken down on the marketplace itself", facts({ remoteStatus: "sold" }), "ACTIVE", "sold", "deleted"],
    ["refused by the marketplace", facts({ state: "ERROR", lastErrorCode: "VALIDATION_FAILED" }), "ACTIVE", "failed", "failed"],
    ["refused on its first send", facts({ state: "ERROR", lastErrorCode: "VALIDATION_FAILED", ...neverSent }), "ACTIVE", "failed", "failed"],
  ] as const)("%s", (_, p, listing, okasie, blocket) => {
    expect(shownState(p, listing, OKASIE).state).toBe(okasie);
    expect(shownState(p, listing, BLOCKET).state).toBe(blocket);
  });

  it("a car held back by its own problems is not sent, never refused; an older version out there keeps its state", () => {
    const held = shownState(facts({ state: "ERROR", lastErrorCode: "PREFLIGHT", ...neverSent }), "ACTIVE", OKASIE);
    expect(held).toEqual({ state: "notSent", blocked: true, removing: false });
    expect(shownWords(held, OKASIE).explain).toBe("explain.notSentBlocked");
    const olderLive = shownState(facts({ state: "ERROR", lastErrorCode: "PREFLIGHT" }), "ACTIVE", BLOCKET);
    expect(olderLive).toEqual({ state: "live", blocked: true, removing: false });
  });

  it("a Blocket deletion on its way is sent — waiting for Blocket", () => {
    const removing = shownState(facts({ state: "ACCEPTED", remoteStatus: "deleting" }), "SOLD", BLOCKET);
    expect(removing).toEqual({ state: "processing", blocked: false, removing: true });
    expect(shownWords(removing, BLOCKET).explain).toBe("explain.removing");
  });

  it("says each state in the marketplace's own words, in every language", async () => {
    const [en, nl, sv, fr] = await Promise.all([translatorFor("en"), translatorFor("nl"), translatorFor("sv"), translatorFor("fr")]);
    const say = (tr: typeof en, s: Shown, caps: typeof OKASIE, marketplace: string) => tr.t(`publication.${shownWords(s, caps).label}`, { marketplace });
    const is = (state: Shown["state"]): Shown => ({ state, blocked: false, removing: false });
    expect(say(en, is("sold"), OKASIE, "Okasie")).toBe("Sold on Okasie");
    expect(say(nl, is("sold"), OKASIE, "Okasie")).toBe("Verkocht op Okasie");
    expect(say(fr, is("sold"), OKASIE, "Okasie")).toBe("Vendue sur Okasie");
    expect(say(en, is("hidden"), OKASIE, "Okasie")).toBe("Draft on Okasie");
    expect(say(en, is("deleted"), BLOCKET, "Blocket")).toBe("Deleted on Blocket");
    expect(say(sv, is("deleted"), BLOCKET, "Blocket")).toBe("Raderad på Blocket");
    expect(say(en, is("processing"), BLOCKET, "Blocket")).toBe("Sent — waiting for Blocket");
    expect(say(sv, is("hidden"), BLOCKET, "Blocket")).toBe("Dold på Blocket");
    // Nothing about a never-sent car speaks of a refusal.
    for (const tr of [en, nl, sv, fr]) {
      const held: Shown = { state: "notSent", blocked: true, removing: false };
      const words = shownWords(held, OKASIE);
      const text = `${tr.t(`publication.${words.label}`, { marketplace: "Okasie" })} ${tr.t(`publication.${words.explain}`, { marketplace: "Okasie" })}`;
      expect(text).not.toMatch(/refus|weiger|avvis/i);
    }
  });

  it("the activity names what our writes did in the marketplace's terms", () => {
    expect(syncOutcomeWord("remove", "ok", OKASIE)).toBe("markedSold");
    expect(syncOutcomeWord("remove", "ok", BLOCKET)).toBe("sentWaiting");
    expect(syncOutcomeWord("create", "ok", OKASIE)).toBe("accepted");
    expect(syncOutcomeWord("preflight", "failed", OKASIE)).toBe("notSent");
    expect(syncOutcomeWord("update", "failed", BLOCKET)).toBe("failed");
  });
});

/** The badge of every car of the dealer on the connection, as the grid shows it. */
async function badges(dealerId: string, connectionId: string) {
  const caps = stateCapabilitiesOf((await db.connection.findFirstOrThrow({ where: { id: connectionId, dealerId } })).marketplace);
  const { rows } = await queryListingsGrid(dealerId, parseGridQuery({ size: "100" }));
  return Object.fromEntries(rows.map((r) => [r.reference, shownState(r.publications.find((p) => p.connectionId === connectionId) ?? null, r.status, caps).state]));
}

/** The grid's filter finds exactly the cars whose badge shows that state, for every state of the marketplace. */
async function expectFilterAgrees(dealerId: string, connectionId: string) {
  const shown = await badges(dealerId, connectionId);
  const caps = stateCapabilitiesOf((await db.connection.findFirstOrThrow({ where: { id: connectionId, dealerId } })).marketplace);
  for (const state of statesOf(caps)) {
    const { rows } = await queryListingsGrid(dealerId, parseGridQuery({ size: "100", market: `${connectionId}:${state}` }));
    expect(rows.map((r) => r.reference).sort(), state).toEqual(Object.keys(shown).filter((ref) => shown[ref] === state).sort());
  }
}

describe("after syncs against the Okasie simulator", () => {
  let sim: RunningOkasieSandbox;
  beforeAll(async () => { sim = await startOkasieSandbox({ port: 0 }); });
  afterAll(async () => { await sim?.close(); });
  const onOkasie = (ref: string) => [...sim.state.store.listings.values()].find((l) => l.externalReference === ref)!;

  it("sold → sold on Okasie (which keeps it); a car with pre-flight problems → not sent, never refused", async () => {
    const dealer = await makeDealer("BE");
    const connection = await makeConnection(dealer.id, "OKASIE", sim.baseUrl, { remoteMatchedAt: new Date() });
    await insertListings(dealer.id, [
      okasieCar("ST-LIVE", 1), okasieCar("ST-SOLD", 2), okasieCar("ST-THERE", 3), okasieCar("ST-HIDE", 4),
      okasieCar("ST-NOPRICE", 5, { price: null }), okasieCar("ST-DRAFT", 6, { status: "draft" }),
    ]);
    expect(await badges(dealer.id, connection.id)).toMatchObject({ "ST-LIVE": "waiting", "ST-NOPRICE": "waiting", "ST-DRAFT": "notSent" });
    await syncNow(dealer.id, connection.id);

    await updateListing(dealer.id, "ST-SOLD", { status: "sold" });
    await updateListing(dealer.id, "ST-HIDE", { status: "draft" });
    // Marked sold on Okasie itself, not in Forecourt.
    const there = onOkasie("ST-THERE");
    there.status = "sold";
    there.updatedAt = Date.now();
    // Sold cars wait out a grace period before they come down; a manual sync with none.
    await db.listing.updateMany({ where: { dealerId: dealer.id, reference: "ST-SOLD" }, data: { soldAt: new Date(Date.now() - 3_600_000) } });
    await syncNow(dealer.id, connection.id);

    expect(onOkasie("ST-SOLD").status).toBe("sold");
    expect(onOkasie("ST-HIDE").status).toBe("draft");
    expect(onOkasie("ST-NOPRICE")).toBeUndefined();
    expect(await badges(dealer.id, connection.id)).toEqual({
      "ST-LIVE": "live", "ST-SOLD": "sold", "ST-THERE": "sold", "ST-HIDE": "hidden", "ST-NOPRICE": "notSent", "ST-DRAFT": "notSent",
    });
    const noPrice = await db.publication.findFirstOrThrow({ where: { dealerId: dealer.id, connectionId: connection.id, listing: { reference: "ST-NOPRICE" } } });
    expect(shownState(noPrice, "ACTIVE", OKASIE)).toEqual({ state: "notSent", blocked: true, removing: false });

    await expectFilterAgrees(dealer.id, connection.id);
    // The overview counts what the badges say.
    expect((await shownStateCounts(dealer.id)).get(connection.id)).toEqual({ live: 1, sold: 2, hidden: 1, notSent: 1, blocked: 1 });
  }, 120_000);
});

describe("after syncs against the Blocket simulator", () => {
  let sim: Awaited<ReturnType<typeof startBlocketSandbox>>;
  beforeAll(async () => { sim = await startBlocketSandbox({ port: 0 }); });
  afterAll(async () => { await sim?.close(); await stopQueue(); }, 60_000);
  const onBlocket = (ref: string) => [...sim.sandbox.state.store.all()].find((a) => a.sourceId === ref)!;
  const settled = (refs: string[]) => waitFor("Blocket processed", async () => refs.every((r) => onBlocket(r)?.settledAt != null), 30_000, 100);

  it("sent — waiting for Blocket, then live; sold → deleted on Blocket", async () => {
    const dealer = await makeDealer("SE");
    const connection = await makeConnection(dealer.id, "BLOCKET", sim.baseUrl);
    await insertListings(dealer.id, [blocketCar("SB-LIVE", 1), blocketCar("SB-SOLD", 2), blocketCar("SB-NOPLATE", 3, { registrationNumber: null, vin: null })]);
    await syncNow(dealer.id, connection.id);
    expect(await badges(dealer.id, connection.id)).toMatchObject({ "SB-LIVE": "processing", "SB-SOLD": "processing" });
    await expectFilterAgrees(dealer.id, connection.id);

    await settled(["SB-LIVE", "SB-SOLD"]);
    await pollConnection(dealer.id, connection.id);
    expect(await badges(dealer.id, connection.id)).toMatchObject({ "SB-LIVE": "live", "SB-SOLD": "live" });

    await updateListing(dealer.id, "SB-SOLD", { status: "sold" });
    await db.listing.updateMany({ where: { dealerId: dealer.id, reference: "SB-SOLD" }, data: { soldAt: new Date(Date.now() - 3_600_000) } });
    await syncNow(dealer.id, connection.id);
    const removing = await db.publication.findFirstOrThrow({ where: { dealerId: dealer.id, connectionId: connection.id, listing: { reference: "SB-SOLD" } } });
    expect(shownState(removing, "SOLD", BLOCKET)).toEqual({ state: "processing", blocked: false, removing: true });

    await waitFor("deleted on Blocket", async () => onBlocket("SB-SOLD").state === "deleted" && onBlocket("SB-SOLD").settledAt != null, 30_000, 100);
    await pollConnection(dealer.id, connection.id);
    const shown = await badges(dealer.id, connection.id);
    expect(shown["SB-SOLD"]).toBe("deleted");
    expect(shown["SB-LIVE"]).toBe("live");
    await expectFilterAgrees(dealer.id, connection.id);
    const counts = (await shownStateCounts(dealer.id)).get(connection.id)!;
    expect(counts.live).toBe(1);
    expect(counts.deleted).toBe(1);
    expect(counts.sold).toBeUndefined();
  }, 120_000);
});
