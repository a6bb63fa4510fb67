import { PgDialect } from 'drizzle-orm/pg-core';
import { describe, expect, it } from 'vitest';

import { buildSearchCriteria, quadgramsOf } from './consumers.search.js';

const dialect = new PgDialect();

/** The SQL text and parameters the search would send for what the admin typed. */
function render(query: string) {
  const criteria = buildSearchCriteria(query);
  if (!criteria) return null;
  const where = dialect.sqlToQuery(criteria.where);
  const rank = dialect.sqlToQuery(criteria.rank);
  return { text: `${where.sql} ${rank.sql}`, params: [...where.params, ...rank.params] };
}

describe('buildSearchCriteria()', () => {
  it('searches nothing for blank input', () => {
    expect(buildSearchCriteria('')).toBeNull();
    expect(buildSearchCriteria('   ')).toBeNull();
  });

  it('sends what was typed as parameters, never as SQL text', () => {
    const query = render("o'brien' OR 1=1 --");

    expect(query?.text).not.toContain('1=1');
    expect(query?.text).not.toContain("o'brien");
    expect(query?.params).toContain("o'brien'%");
  });

  it('escapes LIKE wildcards so % and _ match themselves', () => {
    expect(render('%')?.params).toContain('\\%%');
    expect(render('ab_c')?.params).toContain('ab\\_c%');
    expect(render('ab_c')?.params).toContain('%ab\\_c%');
  });

  it('folds names, so "ZOË" and "zoe" search the same prefix', () => {
    expect(render('ZOË')?.params).toContain('zoe%');
    expect(render('zoe')?.params).toContain('zoe%');
  });

  it('needs every word to start the first name or the name', () => {
    const query = render('zoe mar');

    expect(query?.params).toEqual(expect.arrayContaining(['zoe%', 'mar%']));
    expect(query?.text).toContain(' and ');
  });

  it('searches addresses by a lower-cased fragment when "@" is typed', () => {
    expect(render('Smith@Example')?.params).toContain('%smith@example%');
  });

  it('matches one stored number however it is typed', () => {
    const storedReversed = [...'+33612345678'].reverse().join('');
    const forms = ['+33 6 12 34 56 78', '06 12 34 56 78', '612345678', '0033612345678'];

    const prefixes = forms.map((form) => String(render(form)?.params[0]).replace(/%$/, ''));

    for (const prefix of prefixes) expect(storedReversed.startsWith(prefix)).toBe(true);
    expect(
      storedReversed.startsWith(String(render('06 12 34 56 79')?.params[0]).slice(0, -1)),
    ).toBe(false);
  });

  it('looks up an address fragment of four characters or more by its quadgrams', () => {
    const query = render('caricar@');

    expect(query?.text).toContain('consumer_email_quadgrams');
    expect(query?.params).toEqual(expect.arrayContaining(['cari', 'aric', 'rica', 'icar', 'car@']));
    expect(query?.params).toContain('%caricar@%');
  });

  it('keeps a three-character fragment on the plain LIKE', () => {
    expect(render('b@x')?.text).not.toContain('consumer_email_quadgrams');
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
