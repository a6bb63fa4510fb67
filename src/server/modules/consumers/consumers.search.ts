import { sql } from 'drizzle-orm';
import type { SQL, SQLChunk, SQLWrapper } from 'drizzle-orm';

import { consumers } from '../../../db/schema/index.js';
import { escapeLike, foldForSearch } from '../../shared/text.js';
import { normalizeEmailKey } from './consumer-input.js';

/** The condition a search matches and its relevance (0 best), with its values bound. */
export interface SearchCriteria {
  where: SQL;
  rank: SQL;
}

/** Stands for one named value: a placeholder in a prepared statement, or the value itself. */
export type BindValue = (name: string) => SQLChunk;

/**
 * A search as a shape and its values. Searches of one shape share one prepared statement: the
 * conditions are index ranges and arrays that a plan made without the values still answers from
 * the indexes, so PostgreSQL parses and plans the shape once per connection.
 */
export interface SearchQuery {
  /** Names the prepared statement; null when a plan must see the values (never prepared). */
  shape: string | null;
  values: Record<string, unknown>;
  criteria(bind: BindValue): SearchCriteria;
}

const phoneLike = /^[\d\s+().\-/]+$/;
const firstName = consumers.firstNameKey;
const lastName = consumers.lastNameKey;

/**
 * Reads what the administrator typed into a search (null: nothing to search). Digits search
 * phones, "@" searches addresses, anything else names and addresses.
 */
export function buildSearch(typed: string): SearchQuery | null {
  const trimmed = typed.trim();
  if (trimmed === '') return null;
  const digits = trimmed.replace(/\D/g, '');
  if (phoneLike.test(trimmed) && digits.length >= 3) return phoneSearch(trimmed, digits);
  if (trimmed.includes('@')) return emailSearch(normalizeEmailKey(trimmed));
  return nameOrEmailSearch(trimmed);
}

/**
 * The least string above every string that starts with `prefix` in byte order (the order of the
 * text_pattern_ops indexes): its last character moved one code point up. Null only for a prefix
 * made of U+10FFFF alone, a permanent noncharacter that no stored text holds.
 */
export function prefixUpperBound(prefix: string): string | null {
  const characters = [...prefix];
  while (characters.length > 0) {
    const last = characters.pop()?.codePointAt(0) ?? 0;
    if (last < 0x10ffff) {
      const next = last + 1 === 0xd800 ? 0xe000 : last + 1;
      return characters.join('') + String.fromCodePoint(next);
    }
  }
  return null;
}

/** `column` starts with the bound prefix, as an index range: [from, to). */
function startsWith(column: SQLWrapper, bind: BindValue, name: string): SQL {
  return sql`(${column} ~>=~ ${bind(`${name}From`)} and ${column} ~<~ ${bind(`${name}To`)})`;
}

function prefixValues(name: string, prefix: string): Record<string, string> | null {
  const to = prefixUpperBound(prefix);
  return to === null ? null : { [`${name}From`]: prefix, [`${name}To`]: to };
}

/**
 * "+33 6 12 34 56 78", "06 12 34 56 78" and "612345678" all find +33612345678: the national
 * trunk zero is dropped and the digits are matched as the end of the stored E.164 number, which
 * the reversed-phone index answers as a prefix search.
 */
function phoneSearch(typed: string, digits: string): SearchQuery | null {
  const international = typed.startsWith('+') || typed.startsWith('00');
  const significant = international ? digits.replace(/^00/, '') : digits.replace(/^0+/, '');
  const ending = prefixValues('ending', [...significant].reverse().join(''));
  if (!significant || !ending) return null;
  return {
    shape: 'phone',
    values: { ...ending, exact: `+${significant}` },
    criteria: (bind) => ({
      where: startsWith(sql`reverse(${consumers.phone})`, bind, 'ending'),
      rank: sql`(case when ${consumers.phone} = ${bind('exact')} then 0 else 1 end)`,
    }),
  };
}

/** Every distinct run of four characters (code points) in `text`, as the index function cuts. */
export function quadgramsOf(text: string): string[] {
  const characters = [...text];
  const grams = new Set<string>();
  for (let start = 0; start + 4 <= characters.length; start += 1) {
    grams.add(characters.slice(start, start + 4).join(''));
  }
  return [...grams];
}

interface AddressMatch {
  /** Part of the shape's name; null when the match cannot be prepared. */
  shape: string | null;
  values: Record<string, unknown>;
  where(bind: BindValue): SQL;
}

/**
 * Addresses containing `fragment`. From four characters on, the candidates come from the
 * quadgram index (consumer_email_quadgrams() in the migrations): runs of four characters are rare
 * enough that a fragment's few candidates are found at once, where the trigram index must merge
 * long lists. Shorter fragments use the trigram index, which needs the pattern in the plan.
 */
function addressContains(fragment: string): AddressMatch {
  const grams = quadgramsOf(fragment);
  if (grams.length === 0) {
    const contains = `%${escapeLike(fragment)}%`;
    return {
      shape: null,
      values: { contains },
      where: (bind) => sql`${consumers.emailKey} like ${bind('contains')}`,
    };
  }
  // strpos() rechecks the candidates; a LIKE here would also send the trigram index to work.
  return {
    shape: 'quadgrams',
    values: { fragment, grams },
    where: (bind) =>
      sql`(consumer_email_quadgrams(${consumers.emailKey}) @> ${bind('grams')}::text[]
        and strpos(${consumers.emailKey}, ${bind('fragment')}) > 0)`,
  };
}

function emailSearch(fragment: string): SearchQuery {
  const address = addressContains(fragment);
  const start = prefixValues('start', fragment);
  return {
    shape: address.shape && start ? `email_${address.shape}` : null,
    values: { ...address.values, ...start, exact: fragment },
    criteria: (bind) => ({
      where: address.where(bind),
      rank: sql`(case when ${consumers.emailKey} = ${bind('exact')} then 0
        when ${start ? startsWith(consumers.emailKey, bind, 'start') : sql`false`} then 1
        else 2 end)`,
    }),
  };
}

/**
 * Every word must begin the first name or the name ("zoe mar" finds Zoë Martin); a single word
 * of three characters or more also matches anywhere in the address. Exact names rank first.
 */
function nameOrEmailSearch(typed: string): SearchQuery | null {
  const words = foldForSearch(typed).split(' ').filter(Boolean).slice(0, 5);
  const ranges = words.map((word, index) => prefixValues(`word${index}`, word));
  if (words.length === 0 || ranges.some((range) => range === null)) return null;
  const emailKey = normalizeEmailKey(typed);
  const address =
    words.length === 1 && [...emailKey].length >= 3 ? addressContains(emailKey) : null;
  const nameShape = `name${words.length}`;
  return {
    shape: address ? address.shape && `${nameShape}_${address.shape}` : nameShape,
    values: Object.assign({ whole: words.join(' ') }, address?.values, ...ranges),
    criteria: (bind) => {
      const startsEither = (index: number) =>
        sql`(${startsWith(firstName, bind, `word${index}`)}
          or ${startsWith(lastName, bind, `word${index}`)})`;
      const nameMatch = sql.join(
        words.map((_, index) => startsEither(index)),
        sql` and `,
      );
      return {
        where: address ? sql`(${nameMatch} or ${address.where(bind)})` : nameMatch,
        rank: sql`(case when ${exactName(words.length, bind)} then 0
          when ${nameMatch} then 1 else 2 end)`,
      };
    },
  };
}

/** The whole input is a name: either name alone, or both in either order. */
function exactName(wordCount: number, bind: BindValue): SQL {
  const whole = bind('whole');
  const either = sql`${lastName} = ${whole} or ${firstName} = ${whole}`;
  if (wordCount === 1) return sql`(${either})`;
  return sql`(${either} or ${firstName} || ' ' || ${lastName} = ${whole}
    or ${lastName} || ' ' || ${firstName} = ${whole})`;
}
