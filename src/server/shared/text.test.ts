import { describe, expect, it } from 'vitest';

import { escapeLike, foldForSearch, hasForbiddenCharacters, normalizeLine } from './text.js';

describe('foldForSearch()', () => {
  it('removes accents and case, so "Zoë", "ZOË" and "zoe" fold alike', () => {
    expect(foldForSearch('Zoë')).toBe('zoe');
    expect(foldForSearch('ZOË')).toBe('zoe');
    expect(foldForSearch('Zoe\u0308')).toBe('zoe');
    expect(foldForSearch('Łódź')).toBe('łodz');
  });

  it('collapses and trims white space', () => {
    expect(foldForSearch('  Jean   Luc ')).toBe('jean luc');
  });
});

describe('normalizeLine()', () => {
  it('composes to NFC, collapses white space and trims', () => {
    expect(normalizeLine(' Zoe\u0308  Martin ')).toBe('Zo\u00eb Martin');
  });
});

describe('hasForbiddenCharacters()', () => {
  it.each([
    ['NUL', 'x\u0000y'],
    ['CR LF', 'Bob\r\nBcc: evil@x'],
    ['tab', 'a\tb'],
    ['DEL', 'a\u007fb'],
    ['a C1 control', 'a\u0085b'],
    ['a right-to-left override', 'abc\u202Egpj.exe'],
    ['a bidi isolate', 'a\u2066b'],
  ])('finds %s', (_label, value) => {
    expect(hasForbiddenCharacters(value)).toBe(true);
  });

  it.each(["O'Brien", 'Jean-Luc', 'Zoë', '李小龍', 'Ngũgĩ wa Thiong’o', 'Ólafur Arnalds'])(
    'accepts the ordinary name %s',
    (name) => {
      expect(hasForbiddenCharacters(name)).toBe(false);
    },
  );
});

describe('escapeLike()', () => {
  it('escapes the LIKE wildcards and the escape character itself', () => {
    expect(escapeLike('100%')).toBe('100\\%');
    expect(escapeLike('a_b')).toBe('a\\_b');
    expect(escapeLike('back\\slash')).toBe('back\\\\slash');
  });

  it('leaves other text, quotes included, untouched', () => {
    expect(escapeLike("' OR 1=1 --")).toBe("' OR 1=1 --");
  });
});
