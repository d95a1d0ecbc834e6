import { addBlocketConnection, expect, signIn, test } from "./fixtures";

/**
 * Enrolment (issue #15): a dealer adds a marketplace, sees which cars pass its checks and which
 * need work, publishes two, syncs, and exactly those two are on the Blocket simulator. Its own
 * dealer and stock (made by a platform admin, who acts as admin of every dealer), so nothing the
 * other specs count changes. Runs in the `connections` project (it adds a connection).
 */
const BLOCKET_API = `http://127.0.0.1:${process.env.SANDBOX_BLOCKET_PORT ?? "4120"}/pro-import-api`;

test("a dealer adds Blocket, sees the pre-flight split, publishes two cars, and only those reach Blocket", async ({ page, request }) => {
  test.setTimeout(150_000);
  const suffix = Date.now().toString(36).toUpperCase();
  const slug = `enrol-${suffix.toLowerCase()}`;
  const ref = (n: string) => `EN-${suffix}-${n}`;
  await signIn(page, "admin@forecourt.test");

  await page.goto("/admin/dealers");
  await page.getByLabel("Name").fill(`Enrolment ${suffix}`);
  await page.getByLabel("Slug").fill(slug);
  await page.getByLabel("Country").selectOption("SE");
  await page.getByRole("button", { name: "Create dealer" }).click();
  await expect(page.getByRole("heading", { name: `Enrolment ${suffix}` })).toBeVisible();

  // Three Swedish cars ready for Blocket, and one from the Belgian stock (a price in EUR, no plate).
  const photo = (n: string) => `https://images.forecourt.test/e2e/${ref(n)}/1.jpg`;
  const csv = [
    "reference,title,status,make,model,year,mileage,price,currency,fuelType,transmission,bodyType,registrationNumber,images",
    `${ref("SE1")},Volvo XC60 T5,active,Volvo,XC60,2021,42000,249900,SEK,petrol,automatic,suv,ENA101,${photo("SE1")}`,
    `${ref("SE2")},Volvo V60 D4,active,Volvo,V60,2020,61000,219900,SEK,diesel,automatic,estate,ENA102,${photo("SE2")}`,
    `${ref("SE3")},Volvo XC40 T4,active,Volvo,XC40,2022,23000,329900,SEK,petrol,automatic,suv,ENA103,${photo("SE3")}`,
    `${ref("BE1")},Volkswagen Golf 1.0 TSI,active,Volkswagen,Golf,2019,58000,15950,EUR,petrol,manual,hatchback,,${photo("BE1")}`,
  ].join("\n");
  await page.goto(`/d/${slug}/listings/import`);
  await page.getByLabel("CSV file").setInputFiles({ name: "stock.csv", mimeType: "text/csv", buffer: Buffer.from(csv) });
  await expect(page.getByTestId("csv-summary")).toContainText("4 new");
  await page.getByRole("button", { name: /^Import/ }).click();
  await expect(page.getByText("Written: 4 new and 0 changed.")).toBeVisible();

  // Adding the connection publishes nothing: it leads to the choice.
  await page.goto(`/d/${slug}/settings/connections`);
  await addBlocketConnection(page, { name: `Blocket ${suffix}`, token: "blocket-sandbox-token", dealerCode: "FC-UPPSALA", scope: "dealer_group" });
  const next = page.getByTestId("enrol-next");
  await expect(next).toContainText("Nothing is published yet");
  // This dealer has no ads in Blocket's back office to take over.
  await page.getByRole("button", { name: "I have no ads there" }).click();
  await page.getByRole("button", { name: "Start publishing" }).click();
  await expect(page.getByRole("button", { name: "I have no ads there" })).toHaveCount(0);
  await page.getByTestId(`connection-Blocket ${suffix}`).getByRole("link", { name: "Choose cars to publish" }).click();

  // The split: three ready (chosen already), one that needs a SEK price and a plate, with a link to fix it.
  await expect(page.getByRole("heading", { name: "Ready to publish (3)" })).toBeVisible();
  const ready = page.getByTestId("enrolment-ready");
  for (const n of ["SE1", "SE2", "SE3"]) await expect(ready.getByRole("checkbox", { name: new RegExp(ref(n)) })).toBeChecked();
  const work = page.getByTestId("enrolment-needs-work");
  await expect(work).toContainText(ref("BE1"));
  await expect(work).toContainText("Swedish kronor (SEK)");
  await expect(work).toContainText("registration number");
  await expect(work.getByRole("link", { name: `Fix ${ref("BE1")}` })).toHaveAttribute("href", /\/listings\//);

  // Choose two by keyboard: none, then tick SE1 and SE3.
  await page.getByRole("button", { name: "Select none" }).click();
  await ready.getByRole("checkbox", { name: new RegExp(ref("SE1")) }).focus();
  await page.keyboard.press("Space");
  await ready.getByRole("checkbox", { name: new RegExp(ref("SE3")) }).check();
  await page.getByRole("button", { name: `Publish 2 cars on Blocket ${suffix}` }).click();
  await expect(page.getByTestId("enrolment-done")).toContainText("2 cars will be published");

  // Sync, then ask the simulator what it holds for this stock.
  await page.getByRole("link", { name: "Go to syncs" }).click();
  const card = page.getByTestId(`sync-card-Blocket ${suffix}`);
  await card.getByRole("button", { name: "Sync now" }).click();
  const newest = page.getByRole("table").getByRole("row").nth(1);
  await expect(newest).toContainText("Done", { timeout: 60_000 });
  await expect.poll(async () => {
    const res = await request.get(`${BLOCKET_API}/v4/ad?source_id__icontains=EN-${suffix}-&limit=50`, { headers: { "X-Auth-Token": "blocket-sandbox-token" } });
    const body = await res.json() as { results: { source_id: string }[] };
    return body.results.map((a) => a.source_id).sort();
  }, { timeout: 30_000 }).toEqual([ref("SE1"), ref("SE3")]);
});
