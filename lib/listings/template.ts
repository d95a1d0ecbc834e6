/**
 * What each import column takes, in the reader's language: shown on the import page (beside the
 * CSV template, which holds only its header row so it imports as it is) and written as the XLSX
 * template's second sheet. One source for both, so they never disagree.
 */
import "server-only";
import type { Language } from "@/lib/i18n/locales";
import { translatorFor } from "@/lib/i18n/translator";
import { columnKind, textCell, type ColumnKind } from "@/lib/listings/csv";
import { CSV_COLUMNS, csvWriting, ENUM_COLUMNS } from "@/lib/listings/csv-vocabulary";
import type { Listing } from "@/lib/listings/schema";

/** A made-up car whose fields serve as each column's example (written as the reader writes them). */
const EXAMPLE: Listing = {
  reference: "GENT-0042", status: "active", title: "Skoda Octavia Combi 2.0 TDI Style", description: "First owner, full service history.",
  price: 18950, currency: "EUR", make: "Skoda", model: "Octavia", variant: "Combi", customType: "Style", year: 2021, mileage: 85000,
  fuelType: "diesel", transmission: "manual", bodyType: "wagon", engine: "2.0 TDI", driveType: "FWD", gears: 6, color: "Grey",
  interiorColor: "Black", interiorMaterial: "Stof", doors: 5, seats: 5, powerKw: 110, weight: 1450, previousOwners: 1, serviceHistory: true,
  warranty: true, warrantyMonths: 12, co2Emission: 119, co2Type: "WLTP", emissionClass: "Euro 6d", paintType: "Metallic", fuelConsumption: 4.5,
  condition: "used", conditionTags: ["New tyres", "Non-smoker"], vatRegime: "margin", firstRegistration: "2021-03", vin: "TMBJJ7NE8L0123456",
  carPassUrl: "https://www.car-pass.be/…", postalCode: "9000", city: "Gent", province: "Oost-Vlaanderen", latitude: 51.0543, longitude: 3.7174,
  features: [{ category: "Comfort", name: "Cruise control" }, { category: null, name: "Towbar" }], images: ["https://…/front.jpg", "https://…/back.jpg"],
  blocketCategory: "car", registrationNumber: "ABC123", registrationNumberHidden: false, blocketBrand: "Skoda", blocketModel: "Octavia",
  contactName: "Jan Peeters", contactPhone: "+32 9 123 45 67", contactEmail: "jan@example.be",
} as unknown as Listing;

/** The made-up car's free text in the reader's language (a dealer writes these in their own). */
const EXAMPLE_WORDS: Record<Language, Partial<Listing>> = {
  en: { description: "First owner, full service history.", color: "Grey", interiorColor: "Black", conditionTags: ["New tyres", "Non-smoker"], features: [{ category: "Comfort", name: "Cruise control" }, { category: null, name: "Towbar" }] },
  nl: { description: "Eerste eigenaar, volledig onderhouden.", color: "Grijs", interiorColor: "Zwart", conditionTags: ["Nieuwe banden", "Niet-roker"], features: [{ category: "Comfort", name: "Cruise control" }, { category: null, name: "Trekhaak" }] },
  fr: { description: "Premier propriétaire, entretien complet.", color: "Gris", interiorColor: "Noir", conditionTags: ["Pneus neufs", "Non-fumeur"], features: [{ category: "Confort", name: "Régulateur de vitesse" }, { category: null, name: "Crochet d'attelage" }] },
  sv: { description: "En ägare, full servicehistorik.", color: "Grå", interiorColor: "Svart", conditionTags: ["Nya däck", "Rökfri"], features: [{ category: "Komfort", name: "Farthållare" }, { category: null, name: "Dragkrok" }] },
};

/** Whether a column must be filled: the reference always (it matches the car), the title for a new car. */
export type Requirement = "always" | "newCars" | "no";
export const requirementOf = (field: string): Requirement => (field === "reference" ? "always" : field === "title" ? "newCars" : "no");

export interface ColumnGuide {
  field: string;
  label: string;
  kind: ColumnKind;
  /** What to write, in words. */
  holds: string;
  example: string;
  required: Requirement;
  requiredText: string;
}

export async function columnGuide(language: Language): Promise<ColumnGuide[]> {
  const [{ t }, words] = await Promise.all([translatorFor(language), csvWriting(language)]);
  const example = { ...EXAMPLE, ...EXAMPLE_WORDS[language] } as Listing;
  return CSV_COLUMNS.map((field) => {
    const kind = columnKind(field);
    const choices = ENUM_COLUMNS[field]?.values.map((v) => words.value(field, v)).join(" · ");
    const required = requirementOf(field);
    // A valid example for every column even where the made-up car has no such value.
    const choiceList = ENUM_COLUMNS[field]?.values;
    const sample = choiceList && !choiceList.includes(String(example[field])) ? words.value(field, choiceList[0]!) : textCell(example, field, words);
    return {
      field, label: words.header[field]!, kind, example: sample, required,
      holds: kind === "choice" ? t("csv.kinds.choice", { choices: choices ?? "" }) : t(`csv.kinds.${kind}`),
      requiredText: t(`spreadsheet.required.${required}`),
    };
  });
}
