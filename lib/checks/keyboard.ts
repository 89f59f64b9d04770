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

/** Cost of each typed character being one too many: a doubled key or a neighbour's key pressed along is a slip. */
function insertionCosts(typed: string): Uint8Array {
  const costs = new Uint8Array(typed.length);
  for (let i = 0; i < typed.length; i++) {
    const c = typed[i] ?? '';
    const before = typed[i - 1] ?? '';
    const after = typed[i + 1] ?? '';
    const slip =
      separators.includes(c) ||
      c === before ||
      c === after ||
      (before !== '' && nearKeys(c, before)) ||
      (after !== '' && nearKeys(c, after));
    costs[i] = slip ? slipCost : strayCost;
  }
  return costs;
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

function bitCount(value: number): number {
  let v = value - ((value >>> 1) & 0x55555555);
  v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
  return (((v + (v >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}

/**
 * Measures how far one typed string is from candidates: optimal-string-alignment distance with the costs above.
 * Built once per typed string; reuses its row buffers across candidates so the hot loop allocates nothing.
 */
export class TypoMeter {
  private readonly insertion: Uint8Array;
  private readonly mask: number;
  /** Rolling DP rows, sized for candidates a few characters longer than `typed` and grown if ever needed. */
  private rows: [Int32Array, Int32Array, Int32Array];

  constructor(readonly typed: string) {
    this.insertion = insertionCosts(typed);
    this.mask = characterMask(typed);
    this.rows = TypoMeter.newRows(typed.length + 8);
  }

  private static newRows(size: number): [Int32Array, Int32Array, Int32Array] {
    return [new Int32Array(size), new Int32Array(size), new Int32Array(size)];
  }

  /**
   * The cost of `intended` being typed as `typed`, or `limit + 1` as soon as it must exceed `limit`.
   * `intendedMask` (characterMask of `intended`, precomputed by callers with many candidates) skips hopeless ones.
   */
  cost(intended: string, limit: number, intendedMask = characterMask(intended)): number {
    const typed = this.typed;
    const n = typed.length;
    const m = intended.length;
    const fewestEdits = Math.max(Math.abs(n - m), Math.ceil(bitCount(this.mask ^ intendedMask) / 2));
    if (fewestEdits * slipCost > limit) return limit + 1;
    if (this.rows[0].length <= m) this.rows = TypoMeter.newRows(m + 8);
    // Rolling rows: i-2 (for transpositions), i-1, i.
    let [before, previous, current] = this.rows;
    for (let j = 0; j <= m; j++) previous[j] = j * slipCost;
    for (let i = 1; i <= n; i++) {
      const a = typed.charCodeAt(i - 1);
      const insertion = this.insertion[i - 1] ?? strayCost;
      let rowMin = (current[0] = (previous[0] ?? 0) + insertion);
      for (let j = 1; j <= m; j++) {
        const b = intended.charCodeAt(j - 1);
        const nearKey = a < ascii && b < ascii && nearSubstitute[a * ascii + b] === 1;
        const substitution = a === b ? 0 : nearKey ? slipCost : strayCost;
        let cost = (previous[j - 1] ?? 0) + substitution;
        const extra = (previous[j] ?? 0) + insertion;
        if (extra < cost) cost = extra;
        const omitted = (current[j - 1] ?? 0) + slipCost;
        if (omitted < cost) cost = omitted;
        if (a !== b && i > 1 && j > 1 && a === intended.charCodeAt(j - 2) && typed.charCodeAt(i - 2) === b) {
          const swapped = (before[j - 2] ?? 0) + slipCost;
          if (swapped < cost) cost = swapped;
        }
        current[j] = cost;
        if (cost < rowMin) rowMin = cost;
      }
      if (rowMin > limit) return limit + 1;
      const recycled = before;
      before = previous;
      previous = current;
      current = recycled;
    }
    const result = previous[m] ?? limit + 1;
    return result > limit ? limit + 1 : result;
  }
}
