import { allFakers, type Faker } from '@faker-js/faker';
import type { CountryCode } from 'libphonenumber-js';

/** A faker locale and the country its people are seeded in; weight sets how common it is. */
export interface Origin {
  faker: Faker;
  country: CountryCode;
  weight: number;
  /** Locales where "Jean-Pierre" style compound first names are common. */
  compoundFirstNames?: boolean;
}

export const origins: Origin[] = [
  { faker: allFakers.en_US, country: 'US', weight: 14 },
  { faker: allFakers.en_GB, country: 'GB', weight: 6 },
  { faker: allFakers.en_IN, country: 'IN', weight: 7 },
  { faker: allFakers.en_CA, country: 'CA', weight: 2 },
  { faker: allFakers.en_AU, country: 'AU', weight: 2 },
  { faker: allFakers.en_IE, country: 'IE', weight: 1 },
  { faker: allFakers.en_NG, country: 'NG', weight: 1 },
  { faker: allFakers.fr, country: 'FR', weight: 7, compoundFirstNames: true },
  { faker: allFakers.fr_BE, country: 'BE', weight: 1, compoundFirstNames: true },
  { faker: allFakers.de, country: 'DE', weight: 6, compoundFirstNames: true },
  { faker: allFakers.de_AT, country: 'AT', weight: 1, compoundFirstNames: true },
  { faker: allFakers.de_CH, country: 'CH', weight: 1, compoundFirstNames: true },
  { faker: allFakers.es, country: 'ES', weight: 4 },
  { faker: allFakers.es_MX, country: 'MX', weight: 3 },
  { faker: allFakers.it, country: 'IT', weight: 4 },
  { faker: allFakers.pt_BR, country: 'BR', weight: 5 },
  { faker: allFakers.pt_PT, country: 'PT', weight: 1 },
  { faker: allFakers.nl, country: 'NL', weight: 2 },
  { faker: allFakers.sv, country: 'SE', weight: 1 },
  { faker: allFakers.nb_NO, country: 'NO', weight: 1 },
  { faker: allFakers.da, country: 'DK', weight: 1 },
  { faker: allFakers.fi, country: 'FI', weight: 1 },
  { faker: allFakers.pl, country: 'PL', weight: 3 },
  { faker: allFakers.cs_CZ, country: 'CZ', weight: 1 },
  { faker: allFakers.hu, country: 'HU', weight: 1 },
  { faker: allFakers.ro, country: 'RO', weight: 1 },
  { faker: allFakers.hr, country: 'HR', weight: 1 },
  { faker: allFakers.ru, country: 'RU', weight: 3 },
  { faker: allFakers.uk, country: 'UA', weight: 2 },
  { faker: allFakers.el, country: 'GR', weight: 1 },
  { faker: allFakers.tr, country: 'TR', weight: 3 },
  { faker: allFakers.ar, country: 'SA', weight: 2 },
  { faker: allFakers.he, country: 'IL', weight: 1 },
  { faker: allFakers.ja, country: 'JP', weight: 4 },
  { faker: allFakers.ko, country: 'KR', weight: 2 },
  { faker: allFakers.zh_CN, country: 'CN', weight: 5 },
  { faker: allFakers.zh_TW, country: 'TW', weight: 1 },
  { faker: allFakers.vi, country: 'VN', weight: 2 },
  { faker: allFakers.id_ID, country: 'ID', weight: 2 },
];

/** Seeds every locale's generator, so a given --seed always yields the same people. */
export function seedOrigins(seed: number): void {
  origins.forEach((origin, index) => origin.faker.seed(seed + index));
}

/** Returns a picker that maps a uniform number in [0, 1) to an origin, in proportion to weights. */
export function createOriginPicker(): (uniform: number) => Origin {
  const total = origins.reduce((sum, origin) => sum + origin.weight, 0);
  let running = 0;
  const bounds = origins.map((origin) => (running += origin.weight / total));
  return (uniform) => origins[bounds.findIndex((bound) => uniform < bound)] ?? origins[0]!;
}
