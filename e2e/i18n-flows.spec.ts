/**
 * Dealers working in their own language, end to end: what a Belgian types is what Okasie gets, a
 * Swede reads Swedish and kronor, a Walloon's mistakes are explained in French, and a language
 * chosen in the profile holds from the next page on.
 */
import { expect, signInAnyLanguage, test } from "./fixtures";

const OKASIE_SIM = `http://127.0.0.1:${process.env.SANDBOX_OKASIE_PORT ?? "4110"}/__sim/state`;

interface SimListing { externalReference: string | null; fields: { price?: number; mileage?: number } }
async function okasieHas(reference: string): Promise<SimListing | undefined> {
  const state = (await (await fetch(OKASIE_SIM)).json()) as { listings: SimListing[] };
  return state.listings.find((l) => l.externalReference === reference);
}

test.describe("in Dutch", () => {
  test.use({ locale: "nl-BE" });

  test("a Belgian types 18.950 and 85.000, saves and syncs: Okasie holds 18950 and 85000", async ({ page }) => {
    test.setTimeout(120_000);
    const ref = `NL-${Date.now().toString(36).toUpperCase()}`;
    await signInAnyLanguage(page, "staff@autogent.test");
    await page.goto("/d/auto-gent/listings/new");
    await expect(page.getByRole("heading", { name: "Wagen toevoegen" })).toBeVisible();
    await page.getByLabel("Referentie (voorraadnummer)").fill(ref);
    await page.getByLabel("Toestand", { exact: true }).selectOption("active");
    await page.getByLabel("Titel", { exact: true }).fill("Skoda Octavia Combi 2.0 TDI");
    await page.getByLabel("Merk").fill("Skoda");
    await page.getByLabel("Model", { exact: true }).fill("Octavia");
    await page.getByLabel("Staat").selectOption("used");
    const price = page.getByLabel("Prijs", { exact: true });
    await price.fill("18.950");
    await expect(page.getByText("Gelezen als € 18.950")).toBeVisible();
    await page.getByLabel("Kilometerstand (km)").fill("85.000");
    await expect(page.getByText("Gelezen als 85.000 km")).toBeVisible();
    await expect(page.getByTestId("preflight-Okasie — Auto Gent Centrum")).toContainText("Klaar voor Okasie");
    await page.getByRole("button", { name: "Wagen aanmaken" }).click();
    await expect(page.getByRole("status").filter({ hasText: "Wagen aangemaakt." })).toBeVisible();

    // The grid writes it the Belgian way too.
    await page.goto(`/d/auto-gent/listings?q=${ref.toLowerCase()}`);
    const row = page.getByRole("row", { name: new RegExp(ref) });
    await expect(row).toContainText("€ 18.950");
    await expect(row).toContainText("85.000 km");
    await expect(row).toContainText("Te koop");

    await page.goto("/d/auto-gent/syncs");
    await page.getByTestId("sync-card-Okasie — Auto Gent Centrum").getByRole("button", { name: "Nu synchroniseren" }).click();
    await expect.poll(async () => (await okasieHas(ref))?.fields, { timeout: 60_000 }).toMatchObject({ price: 18950, mileage: 85000 });
  });

  test("a price that reads as 18,95 must be confirmed before the car goes on sale", async ({ page }) => {
    const ref = `NL-${Date.now().toString(36).toUpperCase()}-P`;
    await signInAnyLanguage(page, "staff@autogent.test");
    await page.goto("/d/auto-gent/listings/new");
    await page.getByLabel("Referentie (voorraadnummer)").fill(ref);
    await page.getByLabel("Toestand", { exact: true }).selectOption("active");
    await page.getByLabel("Titel", { exact: true }).fill("Opel Corsa");
    await page.getByLabel("Prijs", { exact: true }).fill("18,95");
    const check = page.getByTestId("plausibility");
    await expect(check).toContainText("€ 18,95 is wel heel weinig voor een tweedehandswagen");
    await page.getByRole("button", { name: "Wagen aanmaken" }).click();
    await expect(check.getByRole("button", { name: "Deze waarden kloppen: opslaan" })).toBeVisible();
    await expect(check).toContainText("Er werd niets opgeslagen");
    await check.getByRole("button", { name: "Deze waarden kloppen: opslaan" }).click();
    await expect(page.getByRole("status").filter({ hasText: "Wagen aangemaakt." })).toBeVisible();
  });
});

test.describe("in Swedish", () => {
  test.use({ locale: "sv-SE" });

  test("a Swede reads Swedish pages, kronor and mil", async ({ page }) => {
    await signInAnyLanguage(page, "staff@bilhuset.test");
    await page.goto("/d/bilhuset/listings");
    await expect(page.getByRole("heading", { name: "Fordon" })).toBeVisible();
    await expect(page.getByRole("navigation").getByRole("link", { name: "Synkningar" })).toBeVisible();
    const van = page.getByRole("row", { name: /BH-2004/ });
    await expect(van).toContainText(/189\s000\skr/);
    await expect(van).toContainText(/145\s000\skm \(14\s500\smil\)/);
    await expect(van).toContainText("Utkast");
    await page.getByRole("link", { name: "BH-2004" }).click();
    await expect(page.getByLabel("Mätarställning (km)")).toHaveValue(/145\s000/);
    await page.getByLabel("Mätarställning (km)").fill("14 600 mil");
    await expect(page.getByText(/Läses som 146\s000\skm \(14\s600\smil\)/)).toBeVisible();
  });
});

test.describe("in French", () => {
  test.use({ locale: "fr-BE" });

  test("a Walloon's mistakes are explained in French, in the browser and from the server", async ({ page }) => {
    await signInAnyLanguage(page, "owner@autogent.test");
    await page.goto("/d/auto-gent/listings/new");
    await expect(page.getByRole("heading", { name: "Ajouter un véhicule" })).toBeVisible();
    await page.getByRole("button", { name: "Créer le véhicule" }).click();
    await expect(page.getByText("Un titre est obligatoire.")).toBeVisible();
    await expect(page.getByText("Certains champs demandent votre attention ; ils sont indiqués en rouge.")).toBeVisible();
    await page.getByLabel("Prix", { exact: true }).fill("18.95");
    await expect(page.getByText(/« 18\.95 » peut se lire de deux façons/)).toBeVisible();
    await page.getByLabel("Prix", { exact: true }).fill("18 950");
    await expect(page.getByText(/Lu comme 18\s950\s€/)).toBeVisible();
    // Only the server knows a reference is taken: its answer is French too.
    await page.getByLabel("Référence (numéro de stock)").fill("AG-1001");
    await page.getByLabel("Titre", { exact: true }).fill("Peugeot 208");
    await page.getByRole("button", { name: "Créer le véhicule" }).click();
    await expect(page.getByText("Un autre de vos véhicules utilise déjà cette référence.")).toBeVisible();
  });
});

test("a platform admin sets a new user's language; the user switches it in the profile and the next page follows", async ({ page, browser }) => {
  const suffix = Date.now().toString(36);
  const email = `lotte-${suffix}@autogent.test`;
  await signInAnyLanguage(page, "admin@forecourt.test");
  await page.goto("/admin/users");
  await page.getByLabel("Name").fill(`Lotte ${suffix}`);
  await page.getByLabel("E-mail").fill(email);
  await page.getByLabel("Initial password").fill("lotte-initial-pw");
  await page.getByLabel("Language").selectOption({ label: "Nederlands" });
  await page.getByRole("button", { name: "Create user" }).click();
  await expect(page.getByRole("heading", { name: `Lotte ${suffix}` })).toBeVisible();
  await page.getByLabel("Dealer").selectOption({ label: "Auto Gent" });
  await page.getByLabel("Role", { exact: true }).selectOption("STAFF");
  await page.getByRole("button", { name: "Add or change role" }).click();
  await expect(page.getByRole("link", { name: "Auto Gent" })).toBeVisible();

  // Her browser asks for English; the language chosen for her wins.
  const lotte = await (await browser.newContext({ locale: "en-GB" })).newPage();
  await signInAnyLanguage(lotte, email, "lotte-initial-pw");
  await expect(lotte.getByRole("navigation", { name: "Dealer" }).getByRole("link", { name: "Voertuigen" })).toBeVisible();
  await expect(lotte.locator("html")).toHaveAttribute("lang", "nl-BE");

  await lotte.goto("/profile");
  await lotte.getByLabel("Taal").selectOption("fr");
  await lotte.getByRole("button", { name: "Opslaan" }).click();
  await expect(lotte.getByRole("status")).toContainText("Votre langue est enregistrée");
  await lotte.goto("/d/auto-gent/listings");
  await expect(lotte.getByRole("heading", { name: "Véhicules" })).toBeVisible();
  await expect(lotte.locator("html")).toHaveAttribute("lang", "fr-BE");
  await expect(lotte.getByRole("row", { name: /AG-1003/ })).toContainText(/29\s900\s€/);
});
