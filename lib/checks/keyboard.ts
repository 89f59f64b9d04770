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

/** Rows beyond the typed length the table starts with: candidates longer than that are out of reach anyway. */
const widestRows = 4;

function grown(table: Int32Array, size: number): Int32Array {
  const bigger = new Int32Array(size);
  bigger.set(table);
  return bigger;
}

/**
 * Measures how far one typed string is from candidates: optimal-string-alignment distance with the costs above.
 * Built once per typed string. The table is filled one row per character of the candidate, and rows are kept
 * while the next candidate shares the prefix (`hotmail.de`, `hotmail.es`, … in sorted order, known-domains.ts),
 * so a family of regional domains costs little more than one. One flat buffer: the hot loop allocates nothing.
 */
export class TypoMeter {
  private readonly insertion: Uint8Array;
  private readonly mask: number;
  private readonly width: number;
  /** Row d, cell i: the cost of the first d characters of the candidate being typed as the first i of `typed`. */
  private table: Int32Array;
  /** The candidate the rows were last filled for, and how many rows are filled for it (row 0 always is). */
  private filledFor = '';
  private filled = 0;

  constructor(readonly typed: string) {
    this.insertion = insertionCosts(typed);
    this.mask = characterMask(typed);
    this.width = typed.length + 1;
    this.table = new Int32Array(this.width * (typed.length + widestRows));
    for (let i = 1; i <= typed.length; i++) this.table[i] = (this.table[i - 1] ?? 0) + (this.insertion[i - 1] ?? 0);
  }

  /**
   * The cost of `intended` being typed as `typed`, or `limit + 1` as soon as it must exceed `limit`.
   * `intendedMask` (characterMask of `intended`, precomputed by callers with many candidates) skips hopeless ones.
   */
  cost(intended: string, limit: number, intendedMask = characterMask(intended)): number {
    const n = this.typed.length;
    const m = intended.length;
    const fewestEdits = Math.max(Math.abs(n - m), Math.ceil(bitCount(this.mask ^ intendedMask) / 2));
    if (fewestEdits * slipCost > limit) return limit + 1;
    if (this.table.length < this.width * (m + 1)) this.table = grown(this.table, this.width * (m + widestRows));
    let d = 1;
    const kept = Math.min(this.filled, m);
    while (d <= kept && intended.charCodeAt(d - 1) === this.filledFor.charCodeAt(d - 1)) d++;
    this.filledFor = intended;
    // A swap jumps from row d-2 to row d, so only two rows in a row beyond the limit prove the cost is.
    let aboveBound = Infinity;
    for (; d <= m; d++) {
      this.filled = d;
      const bound = this.fillRow(d, intended, m - d);
      if (bound > limit && aboveBound > limit) return limit + 1;
      aboveBound = bound;
    }
    this.filled = m;
    const result = this.table[m * this.width + n] ?? 0;
    return result > limit ? limit + 1 : result;
  }

  /**
   * Fills row `d` for `intended` from the two above; answers a bound the whole cost cannot beat: the best cell plus
   * a slip for each character that the `rest` still to come and the typed characters left cannot pair up.
   */
  private fillRow(d: number, intended: string, rest: number): number {
    const { table, insertion, typed, width } = this;
    const n = typed.length;
    const b = intended.charCodeAt(d - 1);
    const bBefore = d > 1 ? intended.charCodeAt(d - 2) : -1;
    const row = d * width;
    const above = row - width;
    const twoAbove = above - width;
    let bound = (table[row] = d * slipCost) + Math.abs(n - rest) * slipCost;
    for (let i = 1; i <= n; i++) {
      const a = typed.charCodeAt(i - 1);
      const nearKey = a < ascii && b < ascii && nearSubstitute[a * ascii + b] === 1;
      let cost = (table[above + i - 1] ?? 0) + (a === b ? 0 : nearKey ? slipCost : strayCost);
      const extra = (table[row + i - 1] ?? 0) + (insertion[i - 1] ?? 0);
      if (extra < cost) cost = extra;
      const omitted = (table[above + i] ?? 0) + slipCost;
      if (omitted < cost) cost = omitted;
      if (a !== b && i > 1 && a === bBefore && typed.charCodeAt(i - 2) === b) {
        const swapped = (table[twoAbove + i - 2] ?? 0) + slipCost;
        if (swapped < cost) cost = swapped;
      }
      table[row + i] = cost;
      const atLeast = cost + Math.abs(n - i - rest) * slipCost;
      if (atLeast < bound) bound = atLeast;
    }
    return bound;
  }
}
