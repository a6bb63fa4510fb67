import { sql } from 'drizzle-orm';
import type { SQL } from 'drizzle-orm';

import { consumers } from '../../../db/schema/index.js';
import { escapeLike, foldForSearch } from '../../shared/text.js';
import { normalizeEmailKey } from './consumer-input.js';
import type { SearchCriteria } from './consumers.repository.js';

const phoneLike = /^[\d\s+().\-/]+$/;

/**
 * Reads what the administrator typed and builds the matching condition with a relevance rank
 * (0 = best). Digits search phones, "@" searches addresses, anything else names and addresses.
 */
export function buildSearchCriteria(query: string): SearchCriteria | null {
  const trimmed = query.trim();
  if (trimmed === '') return null;
  const digits = trimmed.replace(/\D/g, '');
  if (phoneLike.test(trimmed) && digits.length >= 3) return phoneCriteria(trimmed, digits);
  if (trimmed.includes('@')) return emailCriteria(normalizeEmailKey(trimmed));
  return nameOrEmailCriteria(trimmed);
}

/**
 * "+33 6 12 34 56 78", "06 12 34 56 78" and "612345678" all find +33612345678: the national
 * trunk zero is dropped and the digits are matched as the end of the stored E.164 number, which
 * the reversed-phone index answers as a prefix search.
 */
function phoneCriteria(typed: string, digits: string): SearchCriteria {
  const international = typed.startsWith('+') || typed.startsWith('00');
  const significant = international ? digits.replace(/^00/, '') : digits.replace(/^0+/, '');
  const reversed = escapeLike([...significant].reverse().join(''));
  const exact = `+${significant}`;
  return {
    where: sql`reverse(${consumers.phone}) like ${`${reversed}%`}`,
    rank: sql`(case when ${consumers.phone} = ${exact} then 0 else 1 end)`,
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

/**
 * Addresses containing `fragment`. From four characters on, the candidates come from the
 * quadgram index (consumer_email_quadgrams() in the migrations): runs of four characters are rare
 * enough that a fragment's few candidates are found at once, where the trigram index must merge
 * long lists. Shorter fragments fall back to the trigram index.
 */
function emailContains(fragment: string): SQL {
  const contains = sql`${consumers.emailKey} like ${`%${escapeLike(fragment)}%`}`;
  const grams = quadgramsOf(fragment);
  if (grams.length === 0) return contains;
  const wanted = sql.join(
    grams.map((gram) => sql`${gram}`),
    sql`, `,
  );
  return sql`(consumer_email_quadgrams(${consumers.emailKey}) @> array[${wanted}]::text[]
    and ${contains})`;
}

function emailCriteria(fragment: string): SearchCriteria {
  return {
    where: emailContains(fragment),
    rank: sql`(case when ${consumers.emailKey} = ${fragment} then 0
      when ${consumers.emailKey} like ${`${escapeLike(fragment)}%`} then 1 else 2 end)`,
  };
}

/**
 * Every word must begin the first name or the name ("zoe mar" finds Zoë Martin); a single word
 * of three characters or more also matches anywhere in the address. Exact names rank first.
 */
function nameOrEmailCriteria(typed: string): SearchCriteria | null {
  const words = foldForSearch(typed).split(' ').filter(Boolean).slice(0, 5);
  const [firstWord] = words;
  if (!firstWord) return null;
  const startsEither = (word: string) => {
    const prefix = `${escapeLike(word)}%`;
    return sql`(${consumers.firstNameKey} like ${prefix} or ${consumers.lastNameKey} like ${prefix})`;
  };
  const nameMatch = sql.join(words.map(startsEither), sql` and `);
  const whole = words.join(' ');
  const exactName = sql`(${consumers.lastNameKey} = ${whole} or ${consumers.firstNameKey} = ${whole}
    or ${consumers.firstNameKey} || ' ' || ${consumers.lastNameKey} = ${whole}
    or ${consumers.lastNameKey} || ' ' || ${consumers.firstNameKey} = ${whole})`;
  const emailKey = normalizeEmailKey(typed);
  const emailMatch: SQL | null =
    words.length === 1 && emailKey.length >= 3 ? emailContains(emailKey) : null;
  return {
    where: emailMatch ? sql`(${nameMatch} or ${emailMatch})` : nameMatch,
    rank: sql`(case when ${exactName} then 0 when ${nameMatch} then 1 else 2 end)`,
  };
}
