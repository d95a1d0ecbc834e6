import { expect, signIn, test } from "./fixtures";

test("a car never sent to Okasie says so in the grid's filter, its badge and its page, and never speaks of a refusal", async ({ page }) => {
  await signIn(page, "staff@autogent.test");
  await page.goto("/d/auto-gent/listings");
  // The filter offers Okasie's own states: sold there, no "deleted" and no "waiting for Okasie".
  const filter = page.getByRole("combobox", { name: "Marketplace", exact: true });
  const options = await filter.locator("option").allTextContents();
  expect(options).toContain("Sold on Okasie");
  expect(options).toContain("Draft on Okasie");
  // (Auto Gent may also have a Blocket connection by now: its states are its own.)
  expect(options.filter((o) => o.includes("Okasie")).join(" ")).not.toMatch(/Deleted|waiting for/);

  await filter.selectOption({ label: "Not sent to Okasie" });
  const draft = page.getByRole("row", { name: /AG-1005/ });
  await expect(draft).toContainText("Okasie: Not sent");
  await draft.getByRole("link", { name: "AG-1005" }).click();
  const card = page.getByTestId("publication-Okasie — Auto Gent Centrum");
  await expect(card).toContainText("Not sent to Okasie");
  await expect(card).not.toContainText(/refused/i);
});
