/**
 * World Manufacturer Identifiers (VIN positions 1–3) of the makes dealers in Belgium and Sweden
 * sell most, from the makers' published WMIs (SAE J1044 / ISO 3780 assignments; compiled 2026-11,
 * in the public domain as facts). `yearAtPosition10` marks makers whose European VINs carry the
 * model year at position 10; for the others no year is read from the VIN.
 */
export interface Wmi { make: string; country: string; yearAtPosition10: boolean }

const w = (make: string, country: string, yearAtPosition10: boolean): Wmi => ({ make, country, yearAtPosition10 });

const WMI: Record<string, Wmi> = {
  // Volkswagen group
  WVW: w("Volkswagen", "DE", true), WVG: w("Volkswagen", "DE", true), WV1: w("Volkswagen", "DE", true), WV2: w("Volkswagen", "DE", true), WV3: w("Volkswagen", "DE", true),
  WAU: w("Audi", "DE", true), WA1: w("Audi", "DE", true), WUA: w("Audi", "DE", true), TRU: w("Audi", "HU", true),
  TMB: w("Skoda", "CZ", true), VSS: w("Seat", "ES", true), WP0: w("Porsche", "DE", true), WP1: w("Porsche", "DE", true),
  // BMW group
  WBA: w("BMW", "DE", true), WBS: w("BMW", "DE", true), WBY: w("BMW", "DE", true), WBX: w("BMW", "DE", true), WMW: w("Mini", "DE", true),
  // Mercedes-Benz (European VINs: no model year at position 10)
  WDB: w("Mercedes-Benz", "DE", false), WDD: w("Mercedes-Benz", "DE", false), WDC: w("Mercedes-Benz", "DE", false), WDF: w("Mercedes-Benz", "DE", false),
  W1K: w("Mercedes-Benz", "DE", false), W1N: w("Mercedes-Benz", "DE", false), W1V: w("Mercedes-Benz", "DE", false), WME: w("Smart", "DE", false),
  // Stellantis and Renault group (European VINs: no model year at position 10)
  VF1: w("Renault", "FR", false), VF6: w("Renault", "FR", false), UU1: w("Dacia", "RO", false), VF3: w("Peugeot", "FR", false), VF7: w("Citroën", "FR", false),
  VR1: w("DS", "FR", false), VR3: w("Peugeot", "FR", false), VR7: w("Citroën", "FR", false), ZFA: w("Fiat", "IT", false), ZFB: w("Fiat", "IT", false),
  ZAR: w("Alfa Romeo", "IT", false), ZLA: w("Lancia", "IT", false), ZFF: w("Ferrari", "IT", false), ZHW: w("Lamborghini", "IT", true), ZAM: w("Maserati", "IT", false),
  W0L: w("Opel", "DE", true), W0V: w("Opel", "DE", true),
  // Ford
  WF0: w("Ford", "DE", true), WF1: w("Ford", "DE", true), "1FA": w("Ford", "US", true), "1FM": w("Ford", "US", true), "1FT": w("Ford", "US", true),
  // Volvo, Polestar, Saab
  YV1: w("Volvo", "SE", true), YV4: w("Volvo", "SE", true), LVY: w("Volvo", "CN", true), YS3: w("Saab", "SE", true), LPS: w("Polestar", "CN", true),
  // Japan, Korea and their European plants
  JTD: w("Toyota", "JP", true), JTE: w("Toyota", "JP", true), JTM: w("Toyota", "JP", true), JTN: w("Toyota", "JP", true), JT1: w("Toyota", "JP", true),
  SB1: w("Toyota", "GB", true), VNK: w("Toyota", "FR", true), NMT: w("Toyota", "TR", true), JTH: w("Lexus", "JP", true),
  JHM: w("Honda", "JP", true), SHH: w("Honda", "GB", true), SHS: w("Honda", "GB", true),
  JN1: w("Nissan", "JP", true), JN8: w("Nissan", "JP", true), SJN: w("Nissan", "GB", true), VSK: w("Nissan", "ES", true),
  JMZ: w("Mazda", "JP", true), JM1: w("Mazda", "JP", true), JMB: w("Mitsubishi", "JP", true), JF1: w("Subaru", "JP", true), JF2: w("Subaru", "JP", true),
  JSA: w("Suzuki", "JP", true), JS2: w("Suzuki", "JP", true), TSM: w("Suzuki", "HU", true),
  KMH: w("Hyundai", "KR", true), TMA: w("Hyundai", "CZ", true), NLH: w("Hyundai", "TR", true), KNA: w("Kia", "KR", true), KNE: w("Kia", "KR", true), U5Y: w("Kia", "SK", true), U6Y: w("Kia", "SK", true),
  // Others
  "5YJ": w("Tesla", "US", true), "7SA": w("Tesla", "US", true), XP7: w("Tesla", "DE", true), LRW: w("Tesla", "CN", true),
  SAL: w("Land Rover", "GB", true), SAJ: w("Jaguar", "GB", true), LSJ: w("MG", "CN", true),
  "1C4": w("Jeep", "US", true), "1J4": w("Jeep", "US", true), "1G1": w("Chevrolet", "US", true), "2T1": w("Toyota", "CA", true),
};

export function wmiOf(vin: string): Wmi | null {
  return WMI[vin.slice(0, 3)] ?? null;
}

/** How many makers the table knows (for the decision record). */
export const WMI_COUNT = Object.keys(WMI).length;
