/**
 * The data-corruption bug: a Belgian's "18.950" must be stored as 18950, never as 18.95, whether
 * it arrives through a CSV file or a server action.
 */
import { describe, expect, test } from "vitest";
import "../foundation/session";
import { signInAs } from "../foundation/session";
import { car, dealerId } from "../listings/helpers";
import { importCsvAction, previewCsvAction, saveListingAction } from "@/app/(dashboard)/d/[dealer]/listings/actions";
import { db } from "@/lib/db";
import { parseMessage } from "@/lib/i18n/message";
import { setPreferredLanguage } from "@/lib/i18n/preference";

const tag = `num${Date.now().toString(36)}`;
const row = async (reference: string) => db.listing.findFirstOrThrow({ where: { reference, dealerId: await dealerId("auto-gent") } });

describe("numbers in a CSV file are read in the file's own convention", () => {
  test("a Belgian spreadsheet (semicolons, dots between thousands) keeps 18.950 as 18950 and 85.000 km as 85000", async () => {
    await signInAs("staff@autogent.test");
    const csv = ["reference;title;price;mileage;fuelConsumption", `${tag}-be;Skoda Octavia;18.950;85.000;5,6`].join("\r\n");
    const preview = await previewCsvAction({ dealer: "auto-gent", csv });
    expect(preview.data).toMatchObject({ valid: 1, numbers: { convention: "comma-decimal", detected: true } });
    expect((await importCsvAction({ dealer: "auto-gent", csv })).data?.imported).toBe(1);
    const saved = await row(`${tag}-be`);
    expect([Number(saved.price), saved.mileage, (saved.details as { fuelConsumption?: number }).fuelConsumption]).toEqual([18950, 85000, 5.6]);
  });

  test("an English file (commas between thousands) is read the English way", async () => {
    await signInAs("staff@autogent.test");
    const csv = ["reference,title,price,mileage", `${tag}-en,Skoda Octavia,"18,950.50","85,000"`].join("\r\n");
    const preview = await previewCsvAction({ dealer: "auto-gent", csv });
    expect(preview.data?.numbers).toEqual({ convention: "dot-decimal", detected: true });
    await importCsvAction({ dealer: "auto-gent", csv });
    const saved = await row(`${tag}-en`);
    expect([Number(saved.price), saved.mileage]).toEqual([18950.5, 85000]);
  });

  test("a file that does not show its convention is read as the reader writes, and the dealer can choose otherwise", async () => {
    const user = await signInAs("staff@autogent.test");
    const csv = ["reference,title,price", `${tag}-x,Skoda Octavia,18950`].join("\r\n");
    expect((await previewCsvAction({ dealer: "auto-gent", csv })).data?.numbers).toEqual({ convention: "dot-decimal", detected: false }); // no language chosen, no browser: English
    await setPreferredLanguage(user!.id, "nl");
    try {
      expect((await previewCsvAction({ dealer: "auto-gent", csv })).data?.numbers).toEqual({ convention: "comma-decimal", detected: false });
    } finally {
      await setPreferredLanguage(user!.id, null);
    }
    expect((await previewCsvAction({ dealer: "auto-gent", csv, numbers: "dot-decimal" })).data?.numbers).toEqual({ convention: "dot-decimal", detected: false });
  });

  test("a number that could mean two things is a field-level problem, and nothing is written", async () => {
    await signInAs("staff@autogent.test");
    const csv = ["reference;title;price;mileage", `${tag}-amb;Skoda Octavia;18.950;85.000`, `${tag}-amb2;Skoda Fabia;12.95;1000`].join("\r\n");
    const preview = await previewCsvAction({ dealer: "auto-gent", csv });
    expect(preview.data?.problems).toEqual([expect.objectContaining({ line: 3, field: "price" })]);
    expect(parseMessage(preview.data!.problems[0]!.message)?.key).toBe("numbers.ambiguous");
    expect((await importCsvAction({ dealer: "auto-gent", csv })).data?.imported).toBe(0);
    expect(await db.listing.count({ where: { reference: { startsWith: `${tag}-amb` } } })).toBe(0);
  });
});

describe("the listing schema never reads text as a number", () => {
  test("a price sent as the text \"18.950\" is refused with a field-level message, and nothing is saved", async () => {
    await signInAs("staff@autogent.test");
    const input = car({ price: "18.950" as unknown as number });
    const result = await saveListingAction({ dealer: "auto-gent", listing: input, channels: {} });
    const message = (result.validationErrors as { listing?: { price?: { _errors?: string[] } } })?.listing?.price?._errors?.[0];
    expect(parseMessage(message ?? "")?.key).toBe("validation.number");
    expect(await db.listing.count({ where: { reference: input.reference } })).toBe(0);
  });
});
