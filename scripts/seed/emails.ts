import type { Faker } from '@faker-js/faker';

/** Reserved names (RFC 2606 / RFC 6761): a seeded address can never reach a real mailbox. */
export const seedEmailDomains = [
  'example.com',
  'example.net',
  'example.org',
  'mail.example',
  'post.example',
];

const hangulInitials = 'g kk n d tt r m b pp s ss - j jj ch k t p h'.split(' ');
const hangulVowels = 'a ae ya yae eo e yeo ye o wa wae oe yo u wo we wi yu eu ui i'.split(' ');
const hangulFinals = '- k k k n n n t l k m l l l p l m p p t t ng t t k t p t'.split(' ');
const firstSyllable = 0xac00;
const lastSyllable = 0xd7a3;

/** Revised Romanization, syllable by syllable: faker has no mapping for Hangul. */
function romanizeHangul(text: string): string {
  return [...text]
    .map((character) => {
      const code = character.codePointAt(0) ?? 0;
      if (code < firstSyllable || code > lastSyllable) return character;
      const offset = code - firstSyllable;
      const parts = [
        hangulInitials[Math.floor(offset / 588)],
        hangulVowels[Math.floor((offset % 588) / 28)],
        hangulFinals[offset % 28],
      ];
      return parts.map((part) => (part === '-' ? '' : part)).join('');
    })
    .join('');
}

function latinize(name: string): string {
  // Stripping marks turns "أ" into the plain alef that faker's table knows.
  return romanizeHangul(name).normalize('NFKD').replace(/\p{M}/gu, '');
}

/**
 * A lower-case ASCII local-part stem from a person's name, ending with a letter. Faker transliterates
 * Latin, Cyrillic, Greek, Arabic and Hebrew; for Han and Kana it falls back to code points in base 36.
 */
export function emailStem(faker: Faker, firstName: string, lastName: string): string {
  const username = faker.internet.username({
    firstName: latinize(firstName),
    lastName: latinize(lastName),
  });
  const stem = username
    .toLowerCase()
    .replace(/[^a-z0-9._-]+/g, '')
    .replace(/[._-]{2,}/g, '.')
    .slice(0, 40)
    .replace(/^[._-]+/, '')
    .replace(/[0-9._-]+$/, '');
  return stem || 'member';
}

/**
 * The stem always ends with a letter, so the trailing digits of the local part are exactly the
 * counter: distinct counters give distinct addresses without asking the database.
 */
export function seedEmail(stem: string, counter: number, domain: string): string {
  return `${stem}${counter}@${domain}`;
}

/** The uniqueness key the consumers table stores next to the address. */
export function emailKeyOf(email: string): string {
  return email.normalize('NFKC').toLowerCase();
}
