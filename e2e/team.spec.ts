/**
 * A dealer admin runs their own team in the browser (issue #11, "Also"), and sessions end where
 * the user expects: removal from the team, "sign out everywhere" on the profile page, and a
 * platform admin signing a user out everywhere.
 */
import type { Browser, Page } from "@playwright/test";
import { expect, signIn, test } from "./fixtures";

const acceptDialogs = (page: Page) => page.on("dialog", (dialog) => void dialog.accept());

async function inviteThroughTeamPage(owner: Page, name: string, email: string, password: string, role: "STAFF" | "VIEWER") {
  await owner.goto("/d/auto-gent/settings/team");
  const form = owner.locator("form").filter({ has: owner.getByRole("button", { name: "Invite" }) });
  await form.getByLabel("Name").fill(name);
  await form.getByLabel("E-mail").fill(email);
  await form.getByLabel("First password").fill(password);
  await form.getByLabel("Role").selectOption(role);
  await form.getByRole("button", { name: "Invite" }).click();
  await expect(owner.getByText(`${name} can sign in now.`)).toBeVisible();
  await expect(owner.getByTestId(`member-${email}`)).toBeVisible();
}

async function newPage(browser: Browser) {
  return (await browser.newContext()).newPage();
}

test("a dealer admin invites a staff member, makes them a viewer, then removes them: their open session ends", async ({ page, browser }) => {
  acceptDialogs(page);
  const suffix = Date.now().toString(36);
  const email = `kim-${suffix}@autogent.test`;
  await signIn(page, "owner@autogent.test");
  await page.goto("/d/auto-gent/settings");
  await page.getByRole("link", { name: "Manage the team" }).click();
  await expect(page.getByRole("heading", { name: "Team" })).toBeVisible();
  // Admins are shown, but only a platform admin manages them.
  await expect(page.getByTestId("member-owner@autogent.test").getByText("(you)")).toBeVisible();

  // Bad input first: field-level messages, nobody created.
  await page.getByRole("button", { name: "Invite" }).click();
  await expect(page.getByText("Enter a name.")).toBeVisible();

  await inviteThroughTeamPage(page, `Kim ${suffix}`, email, "kims-first-password", "STAFF");

  const kim = await newPage(browser);
  await signIn(kim, email, "kims-first-password");
  await expect(kim).toHaveURL("/d/auto-gent");
  await expect(kim.locator("header").getByText("Staff", { exact: true })).toBeVisible();

  const row = page.getByTestId(`member-${email}`);
  await row.getByLabel(`Role of Kim ${suffix}`).selectOption("VIEWER");
  await expect.poll(async () => { await kim.reload(); return kim.locator("header").getByText("Viewer", { exact: true }).count(); }).toBe(1);

  await row.getByRole("button", { name: `Remove Kim ${suffix}` }).click();
  await expect(page.getByTestId(`member-${email}`)).toHaveCount(0);
  await kim.goto("/d/auto-gent/listings");
  await expect(kim).toHaveURL(/\/login/);
});

test("a dealer admin resets a staff member's password: the old one stops working and they are signed out", async ({ page, browser }) => {
  const suffix = Date.now().toString(36);
  const email = `lou-${suffix}@autogent.test`;
  await signIn(page, "owner@autogent.test");
  await inviteThroughTeamPage(page, `Lou ${suffix}`, email, "lous-first-password", "VIEWER");
  const lou = await newPage(browser);
  await signIn(lou, email, "lous-first-password");

  const row = page.getByTestId(`member-${email}`);
  await row.getByRole("button", { name: `Reset the password of Lou ${suffix}` }).click();
  await row.getByLabel(`New password for Lou ${suffix}`).fill("lous-second-password");
  await row.getByRole("button", { name: "Set password" }).click();
  await expect(row.getByText(`Password set. Lou ${suffix} was signed out everywhere.`)).toBeVisible();

  await lou.goto("/d/auto-gent");
  await expect(lou).toHaveURL(/\/login/);
  await signIn(lou, email, "lous-second-password");
  await expect(lou).toHaveURL("/d/auto-gent");
});

test("staff cannot open the team page", async ({ page }) => {
  await signIn(page, "staff@autogent.test");
  expect((await page.goto("/d/auto-gent/settings/team"))?.status()).toBe(404);
});

test("sign out everywhere, from the profile page: every browser of that user is signed out", async ({ browser }) => {
  const suffix = Date.now().toString(36);
  const owner = await newPage(browser);
  acceptDialogs(owner);
  await signIn(owner, "owner@autogent.test");
  const email = `max-${suffix}@autogent.test`;
  await inviteThroughTeamPage(owner, `Max ${suffix}`, email, "maxs-first-password", "STAFF");

  const phone = await newPage(browser);
  const desk = await newPage(browser);
  acceptDialogs(desk);
  await signIn(phone, email, "maxs-first-password");
  await signIn(desk, email, "maxs-first-password");
  await desk.goto("/profile");
  await expect(desk.getByText("2 open sessions.")).toBeVisible();
  await desk.getByRole("button", { name: "Sign out everywhere" }).click();
  await expect(desk).toHaveURL(/\/login/);
  await phone.goto("/d/auto-gent");
  await expect(phone).toHaveURL(/\/login/);
});

test("a platform admin signs a user out everywhere", async ({ browser }) => {
  const suffix = Date.now().toString(36);
  const owner = await newPage(browser);
  await signIn(owner, "owner@autogent.test");
  const email = `ada-${suffix}@autogent.test`;
  await inviteThroughTeamPage(owner, `Ada ${suffix}`, email, "adas-first-password", "STAFF");
  const ada = await newPage(browser);
  await signIn(ada, email, "adas-first-password");

  const admin = await newPage(browser);
  acceptDialogs(admin);
  await signIn(admin, "admin@forecourt.test");
  await admin.goto("/admin/users");
  await admin.getByRole("link", { name: `Ada ${suffix}` }).click();
  await expect(admin.getByText("1 open session.")).toBeVisible();
  await admin.getByRole("button", { name: "Sign out everywhere" }).click();
  await expect(admin.getByText("Signed out everywhere.")).toBeVisible();
  await expect(admin.getByText("No open sessions.")).toBeVisible();
  await ada.goto("/d/auto-gent");
  await expect(ada).toHaveURL(/\/login/);
});
