/** A user chooses how Forecourt e-mails them, on their profile — by mouse at a desk, by keyboard on a phone. */
import { expect, signIn, test } from "./fixtures";

test("alert choices are saved on the profile and shown again", async ({ page }) => {
  await signIn(page, "viewer@autogent.test");
  await page.goto("/profile");
  const form = page.getByRole("form", { name: "E-mail alerts" });
  await expect(form.getByLabel("As it happens (one e-mail per new problem)")).toBeChecked(); // the default
  await form.getByLabel("One summary a day").check();
  await form.getByLabel("Cars fail on a marketplace").uncheck();
  await form.getByRole("button", { name: "Save alert choices" }).click();
  await expect(page.getByText("Your alert choices are saved.")).toBeVisible();

  await page.reload();
  await expect(form.getByLabel("One summary a day")).toBeChecked();
  await expect(form.getByLabel("Cars fail on a marketplace")).not.toBeChecked();
  await expect(form.getByLabel("A marketplace rejects a connection's token")).toBeChecked();
});

test("on a 390 px phone, by keyboard: turning alert mails off", async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await signIn(page, "staff@bilhuset.test");
  await page.goto("/profile");
  const form = page.getByRole("form", { name: "E-mail alerts" });
  await form.getByLabel("As it happens (one e-mail per new problem)").focus();
  await page.keyboard.press("ArrowDown"); // One summary a day
  await page.keyboard.press("ArrowDown"); // No alert e-mails
  await expect(form.getByLabel("No alert e-mails")).toBeChecked();
  await expect(form.getByLabel("Cars fail on a marketplace")).toBeDisabled(); // nothing to choose when off
  await form.getByRole("button", { name: "Save alert choices" }).focus();
  await page.keyboard.press("Enter");
  await expect(page.getByText("Your alert choices are saved.")).toBeVisible();
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await page.reload();
  await expect(form.getByLabel("No alert e-mails")).toBeChecked();
});
