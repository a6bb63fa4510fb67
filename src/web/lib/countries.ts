import countries from 'i18n-iso-countries';
import en from 'i18n-iso-countries/langs/en.json' with { type: 'json' };

countries.registerLocale(en);

export interface CountryOption {
  value: string;
  label: string;
}

/** Every ISO 3166-1 country as alpha-2 code and English name, sorted by name. */
export const countryOptions: CountryOption[] = Object.entries(countries.getNames('en'))
  .map(([value, label]) => ({ value, label }))
  .sort((a, b) => a.label.localeCompare(b.label, 'en'));

export function countryName(code: string): string {
  return countries.getName(code, 'en') ?? code;
}
