/**
 * Makes and models for dealers without a marketplace list (Belgium: Okasie publishes none).
 *
 * Source: compiled for Forecourt by hand from the makers' European model ranges of the last
 * ~20 model years (what a used-car dealer sells), as known in 2026-11. Plain facts (names), kept
 * under the project's own licence; no third-party dataset is copied. No npm data package covers
 * European ranges (the npm ones are US/NHTSA-based). To update: add names here; the editor always
 * accepts free text too, so a missing model never blocks a dealer.
 */
export const MAKES_EU: Readonly<Record<string, readonly string[]>> = {
  "Abarth": ["124 Spider", "500", "595", "695", "500e", "600e"],
  "Alfa Romeo": ["147", "159", "Brera", "Giulia", "Giulietta", "Junior", "MiTo", "Spider", "Stelvio", "Tonale"],
  "Alpine": ["A110", "A290"],
  "Aston Martin": ["DB11", "DB12", "DBS", "DBX", "Vantage"],
  "Audi": ["A1", "A3", "A4", "A4 Allroad", "A5", "A6", "A6 Allroad", "A6 e-tron", "A7", "A8", "e-tron", "e-tron GT", "Q2", "Q3", "Q4 e-tron", "Q5", "Q6 e-tron", "Q7", "Q8", "Q8 e-tron", "R8", "RS3", "RS4", "RS5", "RS6", "S3", "S4", "S5", "SQ5", "TT"],
  "Bentley": ["Bentayga", "Continental GT", "Flying Spur"],
  "BMW": ["1 Reeks", "2 Reeks", "2 Reeks Active Tourer", "2 Reeks Gran Coupé", "3 Reeks", "4 Reeks", "5 Reeks", "6 Reeks", "7 Reeks", "8 Reeks", "i3", "i4", "i5", "i7", "iX", "iX1", "iX2", "iX3", "M2", "M3", "M4", "M5", "X1", "X2", "X3", "X4", "X5", "X6", "X7", "XM", "Z4"],
  "BYD": ["Atto 2", "Atto 3", "Dolphin", "Dolphin Surf", "Han", "Seal", "Seal U", "Sealion 7", "Tang"],
  "Cadillac": ["Escalade", "Lyriq"],
  "Citroën": ["Berlingo", "C1", "C3", "C3 Aircross", "C4", "C4 Cactus", "C4 Picasso", "C4 X", "C5", "C5 Aircross", "C5 X", "ë-C3", "ë-C4", "Jumper", "Jumpy", "SpaceTourer"],
  "Cupra": ["Born", "Formentor", "Leon", "Tavascan", "Terramar", "Ateca"],
  "Dacia": ["Bigster", "Dokker", "Duster", "Jogger", "Lodgy", "Logan", "Sandero", "Spring"],
  "DS": ["DS 3", "DS 4", "DS 5", "DS 7", "DS 9", "N°8"],
  "Ferrari": ["296", "488", "812", "F8", "Portofino", "Purosangue", "Roma", "SF90"],
  "Fiat": ["500", "500C", "500L", "500X", "500e", "600", "Doblo", "Ducato", "Grande Panda", "Panda", "Punto", "Tipo"],
  "Ford": ["B-Max", "C-Max", "EcoSport", "Explorer", "Fiesta", "Focus", "Galaxy", "Kuga", "Ka", "Mondeo", "Mustang", "Mustang Mach-E", "Puma", "Ranger", "S-Max", "Tourneo Connect", "Tourneo Courier", "Tourneo Custom", "Transit", "Transit Connect", "Transit Custom"],
  "Honda": ["Civic", "CR-V", "e", "e:Ny1", "HR-V", "Jazz", "ZR-V"],
  "Hyundai": ["Bayon", "i10", "i20", "i30", "i40", "Inster", "Ioniq", "Ioniq 5", "Ioniq 6", "ix20", "ix35", "Kona", "Santa Fe", "Tucson"],
  "Jaguar": ["E-Pace", "F-Pace", "F-Type", "I-Pace", "XE", "XF"],
  "Jeep": ["Avenger", "Cherokee", "Compass", "Grand Cherokee", "Renegade", "Wrangler"],
  "Kia": ["Ceed", "EV3", "EV6", "EV9", "Niro", "Picanto", "ProCeed", "Rio", "Sorento", "Soul", "Sportage", "Stonic", "XCeed"],
  "Lamborghini": ["Huracán", "Revuelto", "Urus"],
  "Land Rover": ["Defender", "Discovery", "Discovery Sport", "Range Rover", "Range Rover Evoque", "Range Rover Sport", "Range Rover Velar"],
  "Lexus": ["CT", "ES", "IS", "LBX", "NX", "RX", "RZ", "UX"],
  "Lynk & Co": ["01", "02", "08"],
  "Maserati": ["Ghibli", "Grecale", "GranTurismo", "Levante", "MC20", "Quattroporte"],
  "Mazda": ["2", "3", "5", "6", "CX-3", "CX-30", "CX-5", "CX-60", "CX-80", "MX-30", "MX-5"],
  "Mercedes-Benz": ["A-Klasse", "AMG GT", "B-Klasse", "C-Klasse", "CLA", "CLS", "Citan", "E-Klasse", "EQA", "EQB", "EQC", "EQE", "EQS", "G-Klasse", "GLA", "GLB", "GLC", "GLE", "GLS", "S-Klasse", "SL", "Sprinter", "V-Klasse", "Vito"],
  "MG": ["3", "4", "5", "Cyberster", "HS", "Marvel R", "S5", "ZS"],
  "Mini": ["Aceman", "Cabrio", "Clubman", "Cooper", "Countryman", "Paceman"],
  "Mitsubishi": ["ASX", "Colt", "Eclipse Cross", "L200", "Outlander", "Space Star"],
  "Nissan": ["Ariya", "Juke", "Leaf", "Micra", "Navara", "Note", "Pulsar", "Qashqai", "Townstar", "X-Trail"],
  "Opel": ["Adam", "Astra", "Combo", "Corsa", "Crossland", "Frontera", "Grandland", "Insignia", "Karl", "Meriva", "Mokka", "Movano", "Vivaro", "Zafira"],
  "Peugeot": ["108", "2008", "208", "3008", "308", "408", "5008", "508", "Boxer", "e-2008", "e-208", "Expert", "Partner", "Rifter", "Traveller"],
  "Polestar": ["2", "3", "4"],
  "Porsche": ["718 Boxster", "718 Cayman", "911", "Cayenne", "Macan", "Panamera", "Taycan"],
  "Renault": ["Arkana", "Austral", "Captur", "Clio", "Espace", "Kadjar", "Kangoo", "Koleos", "Master", "Megane", "Megane E-Tech", "Rafale", "Renault 4", "Renault 5", "Scenic", "Symbioz", "Talisman", "Trafic", "Twingo", "Zoe"],
  "Seat": ["Alhambra", "Arona", "Ateca", "Ibiza", "Leon", "Mii", "Tarraco"],
  "Skoda": ["Citigo", "Elroq", "Enyaq", "Fabia", "Kamiq", "Karoq", "Kodiaq", "Octavia", "Rapid", "Scala", "Superb", "Yeti"],
  "Smart": ["#1", "#3", "ForFour", "ForTwo"],
  "SsangYong": ["Korando", "Rexton", "Tivoli", "Torres"],
  "Subaru": ["Crosstrek", "Forester", "Impreza", "Outback", "Solterra", "XV"],
  "Suzuki": ["Across", "Baleno", "Celerio", "Ignis", "Jimny", "S-Cross", "Swace", "Swift", "Vitara"],
  "Tesla": ["Model 3", "Model S", "Model X", "Model Y"],
  "Toyota": ["Aygo", "Aygo X", "bZ4X", "C-HR", "Camry", "Corolla", "Corolla Cross", "GR86", "GR Yaris", "Highlander", "Hilux", "Land Cruiser", "Mirai", "Prius", "Proace", "Proace City", "RAV4", "Supra", "Yaris", "Yaris Cross"],
  "Volkswagen": ["Amarok", "Arteon", "Caddy", "California", "Crafter", "Golf", "Golf Plus", "Golf Sportsvan", "ID. Buzz", "ID.3", "ID.4", "ID.5", "ID.7", "Multivan", "Passat", "Polo", "Scirocco", "Sharan", "T-Cross", "T-Roc", "Taigo", "Tiguan", "Tiguan Allspace", "Touareg", "Touran", "Transporter", "up!"],
  "Volvo": ["C30", "C40", "EX30", "EX40", "EX90", "S60", "S90", "V40", "V60", "V90", "XC40", "XC60", "XC90"],
};
