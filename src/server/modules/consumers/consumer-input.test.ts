import { describe, expect, it } from 'vitest';

import type { FieldIssue } from '../../shared/errors.js';
import {
  normalizeEmailKey,
  parseCountry,
  parseEmail,
  parsePersonName,
  parsePhone,
} from './consumer-input.js';

function issuesOf(parse: (issues: FieldIssue[]) => unknown): string[] {
  const issues: FieldIssue[] = [];
  parse(issues);
  return issues.map((issue) => issue.field);
}

describe('normalizeEmailKey()', () => {
  it('makes case, surrounding spaces and Unicode width variants one key', () => {
    expect(normalizeEmailKey(' A.Smith@X.io ')).toBe('a.smith@x.io');
    expect(normalizeEmailKey('\uff21.smith@x.io')).toBe('a.smith@x.io');
  });
});

describe('parseEmail()', () => {
  it('keeps the typed case and trims the value', () => {
    const issues: FieldIssue[] = [];

    expect(parseEmail('  Alice@Example.com ', issues)).toEqual({
      value: 'Alice@Example.com',
      key: 'alice@example.com',
    });
    expect(issues).toEqual([]);
  });

  it.each([
    ['two @', 'a@@x.io'],
    ['no local part', '@x.io'],
    ['no dotted domain', 'a@x'],
    ['a space', 'a b@x.io'],
    ['a header injection', 'bob@x.io\r\nBcc: evil@x.io'],
    ['a NUL', 'bob\u0000@x.io'],
  ])('refuses an address with %s', (_label, email) => {
    expect(issuesOf((issues) => parseEmail(email, issues))).toEqual(['email']);
  });

  it('accepts 254 characters and refuses 255', () => {
    const domain = '@example.com';

    expect(
      issuesOf((issues) => parseEmail('a'.repeat(254 - domain.length) + domain, issues)),
    ).toEqual([]);
    expect(
      issuesOf((issues) => parseEmail('a'.repeat(255 - domain.length) + domain, issues)),
    ).toEqual(['email']);
  });
});

describe('parsePhone()', () => {
  it('stores numbers in E.164 whatever the typed format', () => {
    expect(parsePhone('+44 20 7946 0958', 'GB', [])).toBe('+442079460958');
    expect(parsePhone('06 12 34 56 78', 'FR', [])).toBe('+33612345678');
    expect(parsePhone('(202) 555-0143', 'US', [])).toBe('+12025550143');
  });

  it('reads an empty phone as none', () => {
    expect(parsePhone('  ', 'FR', [])).toBeNull();
    expect(parsePhone(undefined, 'FR', [])).toBeNull();
  });

  it.each([
    ['too short for the country', '0612', 'FR'],
    ['letters', '06 12 AB 56 78', 'FR'],
    ['a line break inside', '06123\n45678', 'FR'],
  ])('refuses a number with %s', (_label, phone, country) => {
    expect(issuesOf((issues) => parsePhone(phone, country, issues))).toEqual(['phone']);
  });
});

describe('parsePersonName()', () => {
  const parse = (raw: string) =>
    issuesOf((issues) => parsePersonName(raw, 'lastName', 'Name', issues));

  it.each(["O'Brien", 'Jean-Luc', 'Łukasz', '李', 'Ngũgĩ', 'Zoë'])('accepts %s', (name) => {
    expect(parse(name)).toEqual([]);
  });

  it('accepts 100 characters and refuses 101, counted in code points', () => {
    expect(parse('𝒜'.repeat(100))).toEqual([]);
    expect(parse('a'.repeat(101))).toEqual(['lastName']);
  });

  it.each([
    ['empty', '   '],
    ['a NUL', 'x\u0000y'],
    ['CR LF', 'Bob\r\nBcc: evil@x'],
    ['a bidi override', 'Bob\u202Eevil'],
    ['no letter', '12345'],
  ])('refuses a name that is %s', (_label, name) => {
    expect(parse(name)).toEqual(['lastName']);
  });

  it('folds the search key', () => {
    expect(parsePersonName('  Zoë  ', 'firstName', 'First name', [])).toEqual({
      value: 'Zoë',
      key: 'zoe',
    });
  });
});

describe('parseCountry()', () => {
  it('accepts an ISO 3166-1 code in any case and refuses an unknown one', () => {
    expect(parseCountry('fr', [])).toBe('FR');
    expect(issuesOf((issues) => parseCountry('XX', issues))).toEqual(['country']);
  });
});
