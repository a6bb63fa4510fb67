import countries from 'i18n-iso-countries';
import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
import type { CountryCode } from 'libphonenumber-js/max';

import type { FieldIssue } from '../../shared/errors.js';
import { foldForSearch, hasForbiddenCharacters, normalizeLine } from '../../shared/text.js';

/** The uniqueness key of an address: NFKC and lower case, so variants of one address collide. */
export function normalizeEmailKey(email: string): string {
  return email.trim().normalize('NFKC').toLowerCase();
}

// One "@", a non-empty local part without spaces, and a dotted domain of letters, digits and
// hyphens. Deliberately simple: the real check is the verification mail.
const emailPattern = /^[^\s@]+@(?:[\p{L}\p{N}](?:[\p{L}\p{N}-]*[\p{L}\p{N}])?\.)+[\p{L}]{2,}$/u;

export interface ParsedName {
  value: string;
  key: string;
}

export function parsePersonName(
  raw: string,
  field: string,
  label: string,
  issues: FieldIssue[],
): ParsedName {
  const value = normalizeLine(raw);
  if (hasForbiddenCharacters(raw)) {
    issues.push({ field, message: `${label} contains characters that are not allowed` });
  } else if (value.length === 0) {
    issues.push({ field, message: `${label} is required` });
  } else if ([...value].length > 100) {
    issues.push({ field, message: `${label} must be at most 100 characters` });
  } else if (!/\p{L}/u.test(value)) {
    issues.push({ field, message: `${label} must contain at least one letter` });
  }
  return { value, key: foldForSearch(value) };
}

export interface ParsedEmail {
  value: string;
  key: string;
}

export function parseEmail(raw: string, issues: FieldIssue[]): ParsedEmail {
  const value = raw.trim().normalize('NFC');
  if (hasForbiddenCharacters(raw.trim())) {
    issues.push({
      field: 'email',
      message: 'Email address contains characters that are not allowed',
    });
  } else if (value.length === 0) {
    issues.push({ field: 'email', message: 'Email address is required' });
  } else if (value.length > 254) {
    issues.push({ field: 'email', message: 'Email address must be at most 254 characters' });
  } else if (!emailPattern.test(value)) {
    issues.push({ field: 'email', message: 'Email address is not a valid address' });
  }
  return { value, key: normalizeEmailKey(value) };
}

export function isKnownCountry(code: string): boolean {
  return countries.isValid(code) && code === code.toUpperCase() && code.length === 2;
}

export function parseCountry(raw: string, issues: FieldIssue[]): string {
  const code = raw.trim().toUpperCase();
  if (!isKnownCountry(code)) {
    issues.push({ field: 'country', message: 'Countries: choose a country from the list' });
  }
  return code;
}

/** Parses a phone number typed for `country` into E.164; empty input means no phone. */
export function parsePhone(
  raw: string | undefined,
  country: string,
  issues: FieldIssue[],
): string | null {
  const value = raw?.trim() ?? '';
  if (value === '') return null;
  if (hasForbiddenCharacters(value) || !/^[\d\s+().\-/]+$/.test(value)) {
    issues.push({ field: 'phone', message: 'Phone number may contain only digits, spaces and +' });
    return null;
  }
  const parsed = parsePhoneNumberFromString(value, country as CountryCode);
  if (!parsed?.isValid()) {
    issues.push({
      field: 'phone',
      message: `Phone number is not a valid number for ${countryName(country)}`,
    });
    return null;
  }
  return parsed.number;
}

export function countryName(code: string): string {
  return countries.getName(code, 'en') ?? code;
}
