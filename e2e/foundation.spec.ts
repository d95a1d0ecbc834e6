import { expect, signIn, test } from "./fixtures";

test.describe("demo users land on their dealer", () => {
  const cases = [
    { email: "owner@autogent.test", path: "/d/auto-gent", dealer: "Auto Gent", role: "Admin" },
    { email: "staff@autogent.test", path: "/d/auto-gent", dealer: "Auto Gent", role: "Staff" },
    { email: "viewer@autogent.test", path: "/d/auto-gent", dealer: "Auto Gent", role: "Viewer" },
    { email: "staff@bilhuset.test", path: "/d/bilhuset", dealer: "Bilhuset Stockholm", role: "Staff" },
  ];
  for (const c of cases) {
    test(`${c.email} signs in to ${c.dealer}`, async ({ page }) => {
      await signIn(page, c.email);
      await expect(page).toHaveURL(c.path);
      await expect(page.getByTestId("dealer-name")).toHaveText(c.dealer);
      await expect(page.locator("header").getByText(c.role, { exact: true })).toBeVisible();
      for (const tab of ["Listings", "Syncs", "Activity", "Settings"]) await expect(page.getByRole("navigation", { name: "Dealer" }).getByRole("link", { name: tab })).toBeVisible();
    });
  }

  test("the platform admin lands on the admin area and can switch into any dealer", async ({ page }) => {
    await signIn(page, "admin@forecourt.test");
    await expect(page).toHaveURL("/admin/dealers");
    await page.goto("/d/bilhuset");
    await page.getByTestId("dealer-name").click();
    await page.getByRole("link", { name: /Auto Gent/ }).click();
    await expect(page).toHaveURL("/d/auto-gent");
  });

  test("another dealer's pages are not found", async ({ page }) => {
    await signIn(page, "staff@bilhuset.test");
    const response = await page.goto("/d/auto-gent/listings");
    expect(response?.status()).toBe(404);
    await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();
    expect((await page.goto("/admin/dealers"))?.status()).toBe(404);
    expect((await page.request.get("/api/d/auto-gent/listings")).status()).toBe(404);
  });
});

test("a wrong password gets a clear message and no session", async ({ page }) => {
  await page.goto("/login");
  await page.getByLabel("E-mail").fill("staff@autogent.test");
  await page.getByLabel("Password").fill("not-the-password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("main").getByRole("alert")).toContainText("That e-mail and password do not match");
  await expect(page).toHaveURL(/\/login/);
  await page.goto("/d/auto-gent");
  await expect(page).toHaveURL(/\/login/);
});

test("signing in works with the keyboard alone, and signing out ends the session", async ({ page }) => {
  await page.goto("/login");
  await page.getByLabel("E-mail").focus();
  await page.keyboard.type("staff@bilhuset.test");
  await page.keyboard.press("Tab");
  await page.keyboard.type("forecourt-demo");
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL("/d/bilhuset");
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/login/);
  await page.goto("/d/bilhuset");
  await expect(page).toHaveURL(/\/login/);
});

test("a viewer sees no edit controls, and the server refuses the action anyway", async ({ browser }) => {
  // Capture the exact request staff would send to mark a car sold, without letting it through.
  const staff = await browser.newPage();
  await signIn(staff, "staff@autogent.test");
  await staff.goto("/d/auto-gent/listings");
  const row = staff.getByRole("row", { name: /AG-1003/ });
  await expect(row.getByText("For sale")).toBeVisible();
  let captured: { url: string; headers: Record<string, string>; body: string } | undefined;
  await staff.route("**/d/auto-gent/listings", async (route) => {
    const req = route.request();
    if (req.method() === "POST" && req.headers()["next-action"]) {
      captured = { url: req.url(), headers: req.headers(), body: req.postData() ?? "" };
      return route.abort();
    }
    return route.continue();
  });
  await row.getByRole("button", { name: "Mark sold" }).click();
  await expect.poll(() => captured).toBeTruthy();

  const viewer = await browser.newPage();
  await signIn(viewer, "viewer@autogent.test");
  await viewer.goto("/d/auto-gent/listings");
  await expect(viewer.getByRole("row", { name: /AG-1003/ })).toBeVisible();
  await expect(viewer.getByRole("button", { name: "Mark sold" })).toHaveCount(0);
  await expect(viewer.getByRole("button", { name: "Put back on sale" })).toHaveCount(0);

  const replay = await viewer.request.post(captured!.url, {
    headers: { "next-action": captured!.headers["next-action"], "content-type": captured!.headers["content-type"], accept: "text/x-component" },
    data: captured!.body,
  });
  expect(await replay.text()).toContain("Not found.");
  await viewer.reload();
  await expect(viewer.getByRole("row", { name: /AG-1003/ }).getByText("For sale")).toBeVisible();
});

test("an admin creates a dealer and a user, gives a role, and that user signs in", async ({ page, browser }) => {
  const suffix = Date.now().toString(36);
  await signIn(page, "admin@forecourt.test");
  await page.goto("/admin/dealers");

  // Bad input first: field-level messages, nothing created.
  await page.getByRole("button", { name: "Create dealer" }).click();
  await expect(page.getByText("Give the dealer a name.")).toBeVisible();

  await page.getByLabel("Name").fill(`Garage ${suffix}`);
  await page.getByLabel("Slug").fill(`garage-${suffix}`);
  await page.getByLabel("Country").selectOption("SE");
  await page.getByRole("button", { name: "Create dealer" }).click();
  await expect(page.getByRole("heading", { name: `Garage ${suffix}` })).toBeVisible();

  await page.goto("/admin/users");
  await page.getByLabel("Name").fill(`Nora ${suffix}`);
  await page.getByLabel("E-mail").fill(`nora-${suffix}@garage.test`);
  await page.getByLabel("Initial password").fill("nora-initial-pw");
  await page.getByRole("button", { name: "Create user" }).click();
  await expect(page.getByRole("heading", { name: `Nora ${suffix}` })).toBeVisible();

  await page.getByLabel("Dealer").selectOption({ label: `Garage ${suffix}` });
  await page.getByLabel("Role").selectOption("STAFF");
  await page.getByRole("button", { name: "Add or change role" }).click();
  await expect(page.getByRole("link", { name: `Garage ${suffix}` })).toBeVisible();

  // The audit log says it in sentences.
  await page.goto("/admin/audit");
  const events = page.getByTestId("audit-event");
  await expect(events.filter({ hasText: `created the dealer Garage ${suffix}` })).toHaveCount(1);
  await expect(events.filter({ hasText: `added nora-${suffix}@garage.test as` }).filter({ hasText: `Garage ${suffix}` })).toHaveCount(1);

  const nora = await browser.newPage();
  await signIn(nora, `nora-${suffix}@garage.test`, "nora-initial-pw");
  await expect(nora).toHaveURL(`/d/garage-${suffix}`);
  // A new user of a Swedish dealer reads Forecourt in Swedish (the dealer's language, suggested from its country).
  await expect(nora.getByText("Medarbetare", { exact: true })).toBeVisible();
});
