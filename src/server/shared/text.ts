/**
 * Folds a name for search: NFKD, marks removed, lower case. "Zoë" and "ZOE" both become "zoe".
 */
export function foldForSearch(value: string): string {
  return value
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLocaleLowerCase('und')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Collapses runs of white space and trims: what a single-line field stores. */
export function normalizeLine(value: string): string {
  return value.normalize('NFC').replace(/\s+/g, ' ').trim();
}

// C0/C1 controls (NUL, CR, LF, …) and bidirectional overrides have no place in a one-line field:
// NUL cannot be stored by PostgreSQL, CR/LF enable header injection, bidi controls spoof text.
// eslint-disable-next-line no-control-regex -- matching control characters is the point here
const forbiddenInLine = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/u;

export function hasForbiddenCharacters(value: string): boolean {
  return forbiddenInLine.test(value);
}

/** Escapes the LIKE wildcards so user input is matched literally (SR-78). */
export function escapeLike(value: string): string {
  return value.replace(/[\\%_]/g, (character) => `\\${character}`);
}

// PostgreSQL cannot store NUL in text, and a lone UTF-16 surrogate is not a character at all.
// eslint-disable-next-line no-control-regex -- matching NUL is the point here
const unstorable = /\u0000|\p{Cs}/u;

/**
 * The dotted path of the first string (key or value) in a parsed request part that the database
 * could not store, '' when the part itself is such a string, or null when all is well.
 */
export function findUnstorableText(value: unknown): string | null {
  const pending: [unknown, string][] = [[value, '']];
  for (let next = pending.pop(); next; next = pending.pop()) {
    const [current, path] = next;
    if (typeof current === 'string') {
      if (unstorable.test(current)) return path;
    } else if (typeof current === 'object' && current !== null) {
      for (const [key, child] of Object.entries(current)) {
        const childPath = path ? `${path}.${key}` : key;
        if (unstorable.test(key)) return path;
        pending.push([child, childPath]);
      }
    }
  }
  return null;
}
