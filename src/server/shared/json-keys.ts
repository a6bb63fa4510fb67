/**
 * The first key given twice in one object of a JSON text, or null. `JSON.parse` keeps the last
 * of two equal keys without a word, so the text itself is scanned; it must already be valid JSON.
 * @example findDuplicateKey('{"role":"viewer","role":"owner"}') // 'role'
 */
export function findDuplicateKey(json: string): string | null {
  // One entry per open object (its keys so far) or array (null); iterative, so depth is free.
  const scopes: (Set<string> | null)[] = [];
  for (let index = 0; index < json.length; index += 1) {
    const character = json[index];
    if (character === '{') scopes.push(new Set());
    else if (character === '[') scopes.push(null);
    else if (character === '}' || character === ']') scopes.pop();
    else if (character === '"') {
      const end = endOfString(json, index);
      const keys = scopes.at(-1);
      if (keys && nextSignificant(json, end + 1) === ':') {
        const key = JSON.parse(json.slice(index, end + 1)) as string;
        if (keys.has(key)) return key;
        keys.add(key);
      }
      index = end;
    }
  }
  return null;
}

function endOfString(json: string, start: number): number {
  for (let index = start + 1; index < json.length; index += 1) {
    if (json[index] === '\\') index += 1;
    else if (json[index] === '"') return index;
  }
  return json.length - 1;
}

function nextSignificant(json: string, from: number): string | undefined {
  let index = from;
  while (index < json.length && ' \t\n\r'.includes(json[index] ?? '')) index += 1;
  return json[index];
}
