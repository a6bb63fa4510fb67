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

/** Lowercase, accents and dots dropped ("U.S.A."), other punctuation as one space. */
function fold(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/\./g, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

interface CountryEntry {
  option: CountryOption;
  /** The plain name and the English aliases the package knows ("Great Britain", "Czechia"). */
  names: string[];
  /** Alpha-2 and alpha-3 codes and acronyms ("UK"), matched whole: "sa" is not a part of "USA". */
  codes: string[];
}

const namesByCode = countries.getNames('en', { select: 'all' });
const isAcronym = (name: string) => name.length <= 3;

function entryOf(option: CountryOption): CountryEntry {
  const names = (namesByCode[option.value] ?? [option.label]).map(fold);
  const codes = [option.value, countries.alpha2ToAlpha3(option.value) ?? ''].map(fold);
  return {
    option,
    names: names.filter((name) => !isAcronym(name)),
    codes: [...codes, ...names.filter(isAcronym)].filter(Boolean),
  };
}

const entries = countryOptions.map(entryOf);

const exact = 0;
const prefix = 1;
const inside = 2;

/** How well `query` (folded) names the country: exact, prefix of a name, inside one, or null. */
function rankOf(entry: CountryEntry, query: string): number | null {
  if (entry.codes.includes(query) || entry.names.includes(query)) return exact;
  if (entry.names.some((name) => name.startsWith(query))) return prefix;
  if (entry.names.some((name) => name.includes(query))) return inside;
  return null;
}

function rankedMatches(query: string): { entry: CountryEntry; rank: number }[] {
  const folded = fold(query);
  if (!folded) return entries.map((entry) => ({ entry, rank: inside }));
  return entries
    .map((entry) => ({ entry, rank: rankOf(entry, folded) }))
    .filter((match): match is { entry: CountryEntry; rank: number } => match.rank !== null)
    .sort((a, b) => a.rank - b.rank);
}

/**
 * The countries a typed text finds, best first: a whole name, alias or code ("USA", "GB"),
 * then names that start with it, then names that contain it; alphabetical within each.
 */
export function findCountries(query: string): CountryOption[] {
  return rankedMatches(query).map((match) => match.entry.option);
}

/**
 * The alpha-2 code a typed text stands for, or null: the one country it names exactly, else the
 * one country it finds at all. "Congo" names two countries exactly, so it stands for none.
 */
export function resolveCountry(query: string): string | null {
  if (!fold(query)) return null;
  const matches = rankedMatches(query);
  const exactMatches = matches.filter((match) => match.rank === exact);
  const candidates = exactMatches.length > 0 ? exactMatches : matches;
  return candidates.length === 1 && candidates[0] ? candidates[0].entry.option.value : null;
}
