import { readFileSync } from "node:fs";
import type { Page } from "@playwright/test";
import { addBlocketConnection, expect, signIn, test } from "./fixtures";

const TOKENS = ["okasie-sandbox-token", "blocket-sandbox-token", "blocket-sandbox-dealer-token"];

/** Records the body of every response the page receives: HTML, RSC payloads, JSON, actions. */
function recordResponses(page: Page) {
  const bodies: string[] = [];
  page.on("response", async (response) => {
    try {
      bodies.push(await response.text());
    } catch { /* redirects and aborted requests have no body */ }
  });
  return bodies;
}

test.describe.configure({ mode: "serial" });

test("a dealer ADMIN adds an Okasie connection, picking the location the token reaches", async ({ page }) => {
  const bodies = recordResponses(page);
  await signIn(page, "owner@autogent.test");
  await page.goto("/d/auto-gent/settings/connections");
  const form = page.locator("form").filter({ has: page.getByRole("button", { name: "Check token" }) });
  await expect(form.getByLabel("Marketplace")).toHaveValue("OKASIE");
  await form.getByLabel("API token").fill("not-a-real-token");
  await form.getByRole("button", { name: "Check token" }).click();
  await expect(form.getByRole("alert")).toContainText("invalid or rotated");

  await form.getByLabel("API token").fill("okasie-sandbox-token");
  await form.getByRole("button", { name: "Check token" }).click();
  await page.getByLabel("Dealer profile / location").selectOption({ label: "— Auto Gent Merelbeke (DEX-MERELBEKE)" });
  await page.getByLabel("Connection name").fill("Okasie — Merelbeke");
  await page.getByRole("button", { name: "Save connection" }).click();
  const row = page.getByTestId("connection-Okasie — Merelbeke");
  await expect(row.getByText("Working")).toBeVisible();
  await expect(row.getByText("location DEX-MERELBEKE")).toBeVisible();
  await expect(row.getByText("…oken")).toBeVisible();

  await row.getByRole("button", { name: "Test" }).click();
  await expect(row.getByRole("status")).toContainText("Connected");
  for (const token of TOKENS) for (const body of bodies) expect(body).not.toContain(token);
});

test("a platform admin adds and rotates a Blocket token; staff see health only; no token anywhere", async ({ page, browser }) => {
  const bodies = recordResponses(page);
  await signIn(page, "admin@forecourt.test");
  await page.goto("/admin/dealers");
  await page.getByRole("link", { name: "Bilhuset Stockholm" }).click();
  await page.getByRole("link", { name: "Marketplace connections" }).click();
  await expect(page.getByRole("heading", { name: "Bilhuset Stockholm: connections" })).toBeVisible();

  const row = await addBlocketConnection(page, { name: "Blocket — dealer token", token: "blocket-sandbox-dealer-token", dealerCode: "FC-STHLM", scope: "dealer_code" });

  await row.getByRole("button", { name: "Rotate token" }).click();
  await row.getByLabel("New token for Blocket — dealer token").fill("blocket-sandbox-token");
  await row.getByRole("button", { name: "Save new token" }).click();
  await expect(row.getByText("Token rotated.")).toBeVisible();
  await expect(row.getByText("…oken")).toBeVisible();

  const staff = await browser.newPage();
  const staffBodies = recordResponses(staff);
  await signIn(staff, "staff@bilhuset.test");
  await staff.goto("/d/bilhuset/settings");
  const staffRow = staff.getByTestId("connection-Blocket — dealer token");
  await expect(staffRow.getByText("Working")).toBeVisible();
  await expect(staffRow.getByText(/Token ending/)).toHaveCount(0);
  await expect(staff.getByRole("button", { name: "Rotate token" })).toHaveCount(0);
  await expect(staff.getByRole("button", { name: "Check token" })).toHaveCount(0);

  for (const token of TOKENS) {
    for (const body of [...bodies, ...staffBodies]) expect(body).not.toContain(token);
    expect(readFileSync(".data/e2e-server.log", "utf8")).not.toContain(token);
  }
});
