import { describe, expect, it } from 'vitest';

import { countryName, countryOptions, findCountries, resolveCountry } from './countries.js';

const labelsFound = (query: string) => findCountries(query).map((option) => option.label);

describe('findCountries()', () => {
  it('puts the country an alias or code names first', () => {
    expect(findCountries('USA')[0]?.value).toBe('US');
    expect(findCountries('us')[0]?.value).toBe('US');
    expect(findCountries('UK')[0]?.value).toBe('GB');
    expect(findCountries('gb')[0]?.value).toBe('GB');
    expect(findCountries('Great Britain')[0]?.value).toBe('GB');
    expect(findCountries('deu')[0]?.value).toBe('DE');
  });

  it('ranks names that start with the text before names that only contain it', () => {
    expect(labelsFound('fra')[0]).toBe('France');
    expect(labelsFound('ger').slice(0, 2)).toEqual(['Germany', 'Algeria']);
  });

  it('ignores case and accents, and finds nothing for unknown text', () => {
    expect(labelsFound('TURKIYE')).toEqual(['Türkiye']);
    expect(labelsFound("côte d'ivoire")).toEqual(["Cote d'Ivoire"]);
    expect(labelsFound('cote d ivoire')).toEqual(["Cote d'Ivoire"]);
    expect(findCountries('Frnace')).toEqual([]);
  });

  it('lists every country, alphabetically, for an empty text', () => {
    expect(findCountries('  ')).toEqual(countryOptions);
  });

  it('does not match a fragment of a code or acronym', () => {
    expect(labelsFound('sa')).not.toContain('United States of America');
    expect(labelsFound('ua')[0]).toBe('Ukraine');
    expect(labelsFound('ua')).not.toContain('United Arab Emirates');
  });
});

describe('resolveCountry()', () => {
  it('resolves a whole name, alias or code to its alpha-2 code', () => {
    expect(resolveCountry('France')).toBe('FR');
    expect(resolveCountry(' united kingdom ')).toBe('GB');
    expect(resolveCountry('U.S.A.')).toBe('US');
    expect(resolveCountry('DE')).toBe('DE');
  });

  it('resolves every label shown in the list back to its own code', () => {
    const misread = countryOptions.filter(
      (option) => resolveCountry(option.label) !== option.value,
    );

    expect(misread).toEqual([]);
  });

  it('prefers the exact name to the longer names that contain it', () => {
    expect(resolveCountry('Niger')).toBe('NE');
    expect(resolveCountry('Guinea')).toBe('GN');
  });

  it('resolves a fragment that finds one country only', () => {
    expect(resolveCountry('switz')).toBe('CH');
  });

  it('refuses text that finds several countries, none or is empty', () => {
    expect(resolveCountry('Congo')).toBeNull();
    expect(resolveCountry('land')).toBeNull();
    expect(resolveCountry('Frnace')).toBeNull();
    expect(resolveCountry('')).toBeNull();
  });

  it('keeps the plain English name as the label', () => {
    expect(countryName('US')).toBe('United States of America');
    expect(countryOptions.find((option) => option.value === 'GB')?.label).toBe('United Kingdom');
  });
});
