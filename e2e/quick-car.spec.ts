/**
 * A car in a minute (issue 13, item 4): a Swedish dealer on Blocket creates a car from its VIN and
 * Blocket's model list, in fewer than 10 interactions (counted), publishes it, and the Blocket
 * simulator holds the ad with the brand and model slugs Blocket listed.
 */
import { expect, signIn, test } from "./fixtures";

const BLOCKET = process.env.SANDBOX_BLOCKET_URL ?? `http://127.0.0.1:${process.env.SANDBOX_BLOCKET_PORT ?? "4120"}/pro-import-api`;

interface BlocketAd { source_id: string; category_fields: { brand?: string; model?: string; vin?: string; model_year?: number } }
async function blocketHas(reference: string): Promise<BlocketAd | null> {
  const res = await fetch(`${BLOCKET}/v4/ad/${encodeURIComponent(reference)}?dealer_code=FC-STHLM`, { headers: { "X-Auth-Token": "blocket-sandbox-token" } });
  return res.ok ? ((await res.json()) as BlocketAd) : null;
}

test("a dealer creates a car from a VIN and the make/model lists in under 10 interactions and publishes it", async ({ page }) => {
  test.setTimeout(120_000);
  await signIn(page, "staff@bilhuset.test");
  await page.goto("/d/bilhuset/listings/new");
  // The reference is already numbered from the dealer's pattern; Car-Pass (Belgian) is not offered.
  const reference = page.locator("input[name='listing.reference']");
  await expect(reference).toHaveValue(/^BIL-\d{4}-\d{4}$/);
  await expect(page.getByText("Car-Pass", { exact: false })).toHaveCount(0);

  let interactions = 0;
  const act = async (step: () => Promise<unknown>) => { interactions += 1; await step(); };

  // 1: the VIN gives the make (Volvo, from Blocket's brand list) and the model year.
  await act(() => page.locator("input[name='listing.vin']").fill("YV1UZA8DVN1234567"));
  await expect(page.getByTestId("vin-decoded")).toContainText("Volvo");
  await expect(page.locator("input[name='listing.make']")).toHaveValue("Volvo");
  await expect(page.locator("input[name='listing.year']")).toHaveValue("2022");
  // 2–3: the model from Blocket's list for Volvo.
  await act(() => page.locator("input[name='listing.model']").fill("XC"));
  await act(() => page.getByRole("option", { name: "XC60" }).click());
  await expect(page.locator("input[name='listing.model']")).toHaveValue("XC60");
  // The title is proposed from make and model, not typed.
  await expect(page.locator("input[name='listing.title']")).toHaveValue("Volvo XC60");
  // 4–8: what Blocket needs besides.
  await act(() => page.locator("input[name='listing.mileage']").fill("42000"));
  await act(() => page.locator("select[name='listing.fuelType']").selectOption("petrol"));
  await act(() => page.locator("select[name='listing.transmission']").selectOption("automatic"));
  await act(() => page.locator("select[name='listing.bodyType']").selectOption("suv"));
  await act(() => page.locator("input[name='listing.price']").fill("349900"));
  // 9: create it for sale; the sync after a save sends it.
  await act(() => page.getByTestId("create-and-publish").click());
  await page.waitForURL(/\/d\/bilhuset\/listings\/[^/?]+\?created=1/);
  expect(interactions).toBeLessThan(10);

  const ref = await page.locator("input[name='listing.reference']").inputValue();
  expect(ref).toMatch(/^BIL-\d{4}-\d{4}$/);
  await expect.poll(async () => (await blocketHas(ref))?.category_fields ?? null, { timeout: 60_000 })
    .toMatchObject({ brand: "volvo", model: "xc60", vin: "YV1UZA8DVN1234567", model_year: 2022 });
});
