import { sql } from 'drizzle-orm';
import { PgDialect } from 'drizzle-orm/pg-core';
import { describe, expect, it } from 'vitest';

import { buildSearch, prefixUpperBound, quadgramsOf } from './consumers.search.js';

const dialect = new PgDialect();

/** The SQL text and the values the search would send for what the admin typed. */
function render(typed: string) {
  const search = buildSearch(typed);
  if (!search) return null;
  const { where, rank } = search.criteria((name) => sql.param(search.values[name]));
  const query = dialect.sqlToQuery(sql`${where} ${rank}`);
  return { shape: search.shape, text: query.sql, params: query.params };
}

describe('buildSearch()', () => {
  it('searches nothing for blank input', () => {
    expect(buildSearch('')).toBeNull();
    expect(buildSearch('   ')).toBeNull();
  });

  it('sends what was typed as values, never as SQL text', () => {
    const query = render("o'brien' OR 1=1 --");

    expect(query?.text).not.toContain('1=1');
    expect(query?.text).not.toContain("o'brien");
    expect(query?.params).toContain("o'brien'");
  });

  it('matches a name prefix as an index range that ends right after it', () => {
    const query = render('Zoe');

    expect(query?.params).toEqual(expect.arrayContaining(['zoe', 'zof']));
    expect(query?.text).toContain('~>=~');
    expect(query?.text).toContain('~<~');
  });

  it('escapes LIKE wildcards in address fragments so % and _ match themselves', () => {
    expect(render('_@x')?.params).toContain('%\\_@x%');
    expect(render('1%@')?.params).toContain('%1\\%@%');
  });

  it('folds names, so "ZOË" and "zoe" search the same prefix', () => {
    expect(render('ZOË')?.params).toContain('zoe');
    expect(render('zoe')?.params).toContain('zoe');
  });

  it('needs every word to start the first name or the name', () => {
    const query = render('zoe mar');

    expect(query?.params).toEqual(expect.arrayContaining(['zoe', 'zof', 'mar', 'mas']));
    expect(query?.text).toContain(' and ');
    expect(query?.shape).toBe('name2');
  });

  it('searches addresses by a lower-cased fragment when "@" is typed', () => {
    expect(render('Smith@Example')?.params).toContain('smith@example');
  });

  it('matches one stored number however it is typed', () => {
    const storedReversed = [...'+33612345678'].reverse().join('');
    const forms = ['+33 6 12 34 56 78', '06 12 34 56 78', '612345678', '0033612345678'];

    const starts = forms.map((form) => String(render(form)?.params[0]));

    for (const start of starts) expect(storedReversed.startsWith(start)).toBe(true);
    expect(storedReversed.startsWith(String(render('06 12 34 56 79')?.params[0]))).toBe(false);
  });

  it('looks up an address fragment of four characters or more by its quadgrams', () => {
    const search = buildSearch('caricar@');

    expect(render('caricar@')?.text).toContain('consumer_email_quadgrams');
    expect(search?.values['grams']).toEqual(['cari', 'aric', 'rica', 'icar', 'car@']);
    expect(search?.shape).toBe('email_quadgrams');
  });

  it('keeps a three-character fragment on the trigram LIKE, unprepared', () => {
    expect(render('b@x')?.text).not.toContain('consumer_email_quadgrams');
    expect(buildSearch('b@x')?.shape).toBeNull();
    expect(buildSearch('bob')?.shape).toBeNull();
  });

  it('gives searches of one kind the same shape whatever their values', () => {
    expect(buildSearch('martin')?.shape).toBe(buildSearch('zoltan')?.shape);
    expect(buildSearch('+33 6 12')?.shape).toBe(buildSearch('0044 20')?.shape);
  });
});

describe('prefixUpperBound()', () => {
  it('moves the last character one code point up', () => {
    expect(prefixUpperBound('abc')).toBe('abd');
    expect(prefixUpperBound('zoë')).toBe('zoì');
  });

  it('skips the surrogate range and carries past U+10FFFF', () => {
    expect(prefixUpperBound('a\ud7ff')).toBe('a\ue000');
    expect(prefixUpperBound('a\u{10ffff}')).toBe('b');
    expect(prefixUpperBound('\u{10ffff}')).toBeNull();
  });
});

describe('quadgramsOf()', () => {
  it('cuts every distinct run of four characters, in order of first appearance', () => {
    expect(quadgramsOf('caricar')).toEqual(['cari', 'aric', 'rica', 'icar']);
    expect(quadgramsOf('aaaaaa')).toEqual(['aaaa']);
  });

  it('has nothing to offer for fewer than four characters', () => {
    expect(quadgramsOf('abc')).toEqual([]);
  });

  it('counts code points, so a character outside the BMP is one character', () => {
    expect(quadgramsOf('a😀bcd')).toEqual(['a😀bc', '😀bcd']);
  });
});
