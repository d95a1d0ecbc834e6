/**
 * Who decides the language: the user in their profile, a platform admin for them, and for a new
 * user of a dealer the dealer's language (suggested from its country when the dealer is made).
 */
import { describe, expect, test } from "vitest";
import "../foundation/session";
import { signInAs } from "../foundation/session";
import { createDealerAction, createUserAction, setMembershipAction, setUserLanguageAction, updateDealerAction } from "@/app/admin/actions";
import { db } from "@/lib/db";
import { requestLanguage } from "@/lib/i18n/server";

const tag = Date.now().toString(36);
const languageOf = async (id: string) => (await db.user.findUniqueOrThrow({ where: { id }, select: { language: true } })).language;

describe("set by admins", () => {
  test("a platform admin gives a new user a language, changes it later, or leaves it to the browser", async () => {
    await signInAs("admin@forecourt.test");
    const created = await createUserAction({ email: `sara-${tag}@bilhuset.test`, name: "Sara", password: "long-enough-1", isPlatformAdmin: false, language: "sv" });
    const id = created.data!.id;
    expect(await languageOf(id)).toBe("sv");
    expect((await setUserLanguageAction({ userId: id, language: "en" })).data).toEqual({ ok: true });
    expect(await languageOf(id)).toBe("en");
    await setUserLanguageAction({ userId: id, language: null });
    expect(await languageOf(id)).toBeNull();
    const audit = await db.auditEvent.findMany({ where: { targetId: id, action: "user.language_changed" } });
    expect(audit.map((e) => e.data)).toEqual([expect.objectContaining({ from: "sv", to: "en" }), expect.objectContaining({ from: "en", to: null })]);
    expect((await setUserLanguageAction({ userId: id, language: "xx" } as never)).validationErrors).toBeTruthy();
  });

  test("only platform admins set someone else's language", async () => {
    const staff = await db.user.findUniqueOrThrow({ where: { email: "viewer@autogent.test" } });
    await signInAs("owner@autogent.test");
    expect((await setUserLanguageAction({ userId: staff.id, language: "fr" })).serverError).toBe("Not found.");
    expect(await languageOf(staff.id)).toBeNull();
  });

  test("a dealer's language is kept as chosen (a Liège dealer is French), and can be changed or cleared", async () => {
    await signInAs("admin@forecourt.test");
    const liege = await createDealerAction({ name: "Garage Liège", slug: `garage-liege-${tag}`, country: "BE", language: "fr" });
    expect((await db.dealer.findUniqueOrThrow({ where: { id: liege.data!.id } })).language).toBe("fr");
    await updateDealerAction({ id: liege.data!.id, name: "Garage Liège", slug: `garage-liege-${tag}`, country: "BE", language: null });
    expect((await db.dealer.findUniqueOrThrow({ where: { id: liege.data!.id } })).language).toBeNull();
  });
});

describe("a new user of a dealer reads the dealer's language", () => {
  test("until someone chooses another; a user who chose keeps their choice", async () => {
    await signInAs("admin@forecourt.test");
    const liege = await createDealerAction({ name: "Auto Liège", slug: `auto-liege-${tag}`, country: "BE", language: "fr" });
    const uppsala = await createDealerAction({ name: "Bil Uppsala", slug: `bil-uppsala-${tag}`, country: "SE", language: "sv" });
    const newcomer = (await createUserAction({ email: `luc-${tag}@liege.test`, name: "Luc", password: "long-enough-1", isPlatformAdmin: false })).data!.id;
    const chooser = (await createUserAction({ email: `an-${tag}@liege.test`, name: "An", password: "long-enough-1", isPlatformAdmin: false, language: "nl" })).data!.id;
    await setMembershipAction({ dealerId: liege.data!.id, userId: newcomer, role: "STAFF" });
    await setMembershipAction({ dealerId: liege.data!.id, userId: chooser, role: "STAFF" });
    expect(await languageOf(newcomer)).toBe("fr");
    expect(await languageOf(chooser)).toBe("nl");
    // Joining a second dealer changes nothing: the first dealer's language was the default.
    await setMembershipAction({ dealerId: uppsala.data!.id, userId: newcomer, role: "VIEWER" });
    expect(await languageOf(newcomer)).toBe("fr");

    // And it is the language their pages and messages use, until someone chooses another
    // (the profile's choice is end to end: e2e/i18n-flows.spec.ts).
    await signInAs(`luc-${tag}@liege.test`);
    expect(await requestLanguage()).toBe("fr");
    await signInAs("admin@forecourt.test");
    await setUserLanguageAction({ userId: newcomer, language: "nl" });
    await signInAs(`luc-${tag}@liege.test`);
    expect(await requestLanguage()).toBe("nl");
  });
});
