/**
 * Keyboard-aware edit cost between what was typed and what was meant. Typos are not random edits: a finger hits
 * the key beside the right one, two keys swap, a key is skipped or pressed twice. Those cost 1 unit; an edit no
 * finger slip explains (a far key, a stray character) costs 2. Integer units keep ties exact ("ties give no
 * suggestion" in typos.ts depends on that).
 */

/** Rows of the layouts our users type on, with the usual stagger (in key widths) of each row. */
const layouts: readonly (readonly string[])[] = [
  ['1234567890-=', 'qwertyuiop[]', "asdfghjkl;'", 'zxcvbnm,./'], // QWERTY
  ['1234567890', 'qwertzuiop', 'asdfghjkl', 'yxcvbnm,.-'], // QWERTZ (German, Swiss, Austrian)
  ['1234567890)=', 'azertyuiop', 'qsdfghjklm', 'wxcvbn,;:!'], // AZERTY (French, Belgian); digits are shifted
];
const rowStagger = [0, 0.5, 0.75, 1.25];

/** Characters that separate labels; typing one for another (or adding/dropping one) is a single slip. */
const separators = '.,-_';

const ascii = 128;
const near = buildNearTable();
/**
 * Substituting a neighbouring key is a slip, except one digit for another: numbers in domain names are identifiers
 * (`client20.com` and `client30.com` are different customers, `126.com` and `163.com` different providers).
 */
const nearSubstitute = near.map((isNear, index) =>
  isDigit(Math.floor(index / ascii)) && isDigit(index % ascii) ? 0 : isNear,
);

function isDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}

function buildNearTable(): Uint8Array {
  const table = new Uint8Array(ascii * ascii);
  const link = (a: string, b: string) => {
    const x = a.charCodeAt(0);
    const y = b.charCodeAt(0);
    if (x < ascii && y < ascii && x !== y) {
      table[x * ascii + y] = 1;
      table[y * ascii + x] = 1;
    }
  };
  for (const rows of layouts) {
    const keys: { key: string; row: number; x: number }[] = [];
    rows.forEach((row, r) => [...row].forEach((key, c) => keys.push({ key, row: r, x: c + (rowStagger[r] ?? 0) })));
    for (const a of keys) {
      for (const b of keys) {
        const sameRowNeighbour = a.row === b.row && Math.abs(a.x - b.x) === 1;
        const otherRowOverlap = Math.abs(a.row - b.row) === 1 && Math.abs(a.x - b.x) < 1;
        if (sameRowNeighbour || otherRowOverlap) link(a.key, b.key);
      }
    }
  }
  for (const a of separators) for (const b of separators) link(a, b);
  return table;
}

/** True when `a` and `b` are neighbouring keys on QWERTY, QWERTZ or AZERTY (or both label separators). */
export function nearKeys(a: string, b: string): boolean {
  const x = a.charCodeAt(0);
  const y = b.charCodeAt(0);
  return x < ascii && y < ascii && near[x * ascii + y] === 1;
}

export const slipCost = 1;
const strayCost = 2;

/** Cost of typed character `i` being one too many: a doubled key or a neighbour's key pressed along is a slip. */
export function insertionCost(typed: string, i: number): number {
  const c = typed.charCodeAt(i);
  const before = i > 0 ? typed.charCodeAt(i - 1) : -1;
  const after = i + 1 < typed.length ? typed.charCodeAt(i + 1) : -1;
  const slip = isSeparator(c) || c === before || c === after || isNear(c, before) || isNear(c, after);
  return slip ? slipCost : strayCost;
}

const separatorCodes = new Uint8Array(ascii);
for (const s of separators) separatorCodes[s.charCodeAt(0)] = 1;

function isSeparator(code: number): boolean {
  return code < ascii && separatorCodes[code] === 1;
}

/** nearKeys on character codes; -1 (no character) is near nothing. */
function isNear(x: number, y: number): boolean {
  return x >= 0 && y >= 0 && x < ascii && y < ascii && near[x * ascii + y] === 1;
}

/**
 * Which kinds of character a string contains, one bit each (letters, digits as one, dot, hyphen, anything else).
 * One edit changes at most two bits, so `characterMask` XOR `characterMask` bounds the number of edits from below.
 */
export function characterMask(text: string): number {
  let mask = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    mask |= 1 << (c >= 97 && c <= 122 ? c - 97 : isDigit(c) ? 26 : c === 46 ? 27 : c === 45 ? 28 : 29);
  }
  return mask;
}

export function bitCount(value: number): number {
  let v = value - ((value >>> 1) & 0x55555555);
  v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
  return (((v + (v >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}

/**
 * Cost of typing `typed` where `intended` was meant, one character each, by character code: 0 for the same key, a
 * slip for a neighbouring one (never one digit for another, see nearSubstitute), else a stray key. Characters
 * outside ASCII are only ever the same or stray.
 */
const substitution = nearSubstitute.map((isNear, index) =>
  Math.floor(index / ascii) === index % ascii ? 0 : isNear === 1 ? slipCost : strayCost,
);

export function substitutionCost(typed: number, intended: number): number {
  if (typed < ascii && intended < ascii) return substitution[typed * ascii + intended] ?? strayCost;
  return typed === intended ? 0 : strayCost;
}
