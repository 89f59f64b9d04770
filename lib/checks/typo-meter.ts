import { bitCount, characterMask, insertionCost, slipCost, substitutionCost } from './keyboard';

/** Rows beyond the typed length the table starts with: candidates longer than that are out of reach anyway. */
const widestRows = 4;
/**
 * Cells a meter keeps between typed strings (a 60-character domain with its rows). A longer typed string gets a
 * table of its own size that the next `reset` lets go, so one pasted wall of text does not pin memory for good.
 */
const keptCells = 4096;

/** Whether a buffer of `size` cells serves for `needed`: big enough, and no outsized one when a small one will do. */
function keeps(size: number, needed: number): boolean {
  return size >= needed && (size <= keptCells || needed > keptCells);
}

function grown(table: Int32Array, size: number): Int32Array {
  const bigger = new Int32Array(size);
  bigger.set(table);
  return bigger;
}

/**
 * Measures how far one typed string is from candidates: optimal-string-alignment distance with keyboard.ts's costs.
 * Aimed at a typed string by the constructor or `reset`, then asked about any number of candidates. The table is
 * filled one row per character of the candidate, and rows are kept while the next candidate shares the prefix
 * (`hotmail.de`, `hotmail.es`, … in sorted order, known-domains.ts), so a family of regional domains costs little
 * more than one.
 *
 * The typo check measures every address against hundreds of candidates, keystroke by keystroke, so the meter is
 * built for that: a long-lived meter is `reset` per typed string and, once its buffers fit the strings it sees,
 * allocates nothing (fresh typed arrays per address cost as much as measuring a short domain, and brought garbage
 * collections); and a row is only filled near its diagonal (fillRow), since a cell further off costs more than the
 * limit anyway.
 */
export class TypoMeter {
  private text = '';
  private mask = 0;
  private width = 1;
  /** Cell i: the cost of typed character i being one too many (insertionCost). */
  private insertion: Uint8Array = new Uint8Array(0);
  /** Row d, cell i: the cost of the first d characters of the candidate being typed as the first i of `typed`. */
  private table: Int32Array = new Int32Array(0);
  /**
   * The candidate the rows were last filled for, how many rows are filled for it (row 0 always is), and the limit
   * they were filled under: off the band of that limit a cell only says "more than it", so the rows serve no larger
   * limit.
   */
  private filledFor = '';
  private filled = 0;
  private filledLimit = 0;

  constructor(typed: string) {
    this.reset(typed);
  }

  /** What is being measured. */
  get typed(): string {
    return this.text;
  }

  /** Aims the meter at another typed string, reusing its buffers. */
  reset(typed: string): this {
    const n = typed.length;
    this.text = typed;
    this.mask = characterMask(typed);
    this.width = n + 1;
    this.filledFor = '';
    this.filled = 0;
    this.filledLimit = 0;
    if (!keeps(this.insertion.length, n)) this.insertion = new Uint8Array(n);
    // Room for candidates up to widestRows longer than what was typed; for a typed string too long to keep that
    // for, row 0 only (the engine's candidates are all out of its reach by length). cost() grows it on demand.
    const cells = this.width * (n + widestRows) <= keptCells ? this.width * (n + widestRows) : this.width;
    if (!keeps(this.table.length, cells)) this.table = new Int32Array(cells);
    const { insertion, table } = this;
    table[0] = 0;
    for (let i = 0; i < n; i++) {
      insertion[i] = insertionCost(typed, i);
      table[i + 1] = (table[i] ?? 0) + (insertion[i] ?? 0);
    }
    return this;
  }

  /**
   * True when a candidate of this length and characterMask must cost more than `limit`, by the fewest edits its
   * length and kinds of character need: the check `cost` starts with, for callers that rule out most candidates
   * in a tight loop before calling it.
   */
  outOfReach(length: number, mask: number, limit: number): boolean {
    const lengthEdits = Math.abs(this.text.length - length);
    const kindEdits = (bitCount(this.mask ^ mask) + 1) >> 1; // two kinds changed per edit at most, rounded up
    return lengthEdits * slipCost > limit || kindEdits * slipCost > limit;
  }

  /**
   * The cost of `intended` being typed as `typed`, or `limit + 1` as soon as it must exceed `limit`.
   * `intendedMask` (characterMask of `intended`, precomputed by callers with many candidates) skips hopeless ones.
   */
  cost(intended: string, limit: number, intendedMask = characterMask(intended)): number {
    const n = this.text.length;
    const m = intended.length;
    if (this.outOfReach(m, intendedMask, limit)) return limit + 1;
    if (this.table.length < this.width * (m + 1)) this.table = grown(this.table, this.width * (m + widestRows));
    let d = 1;
    const kept = Math.min(this.filled, m);
    while (d <= kept && intended.charCodeAt(d - 1) === this.filledFor.charCodeAt(d - 1)) d++;
    // Rows kept from a smaller limit are filled again for this one: off their band they only say "more than that
    // limit".
    if (limit > this.filledLimit) for (let r = 1; r < d; r++) this.fillRow(r, intended, m - r, limit);
    this.filledLimit = limit;
    this.filledFor = intended;
    // A swap jumps from row d-2 to row d, so only two rows in a row beyond the limit prove the cost is. The first
    // row filled here pairs with the row above it, kept or row 0, whose bound is taken for this candidate's length:
    // starting the count afresh would stop on one row, missing a swap of the next two characters (`ab` for `ba`).
    let aboveBound = this.rowBound(d - 1, m - d + 1, limit);
    for (; d <= m; d++) {
      this.filled = d;
      const bound = this.fillRow(d, intended, m - d, limit);
      if (bound > limit && aboveBound > limit) return limit + 1;
      aboveBound = bound;
    }
    this.filled = m;
    const result = this.table[m * this.width + n] ?? 0;
    return result > limit ? limit + 1 : result;
  }

  /**
   * fillRow's bound for row `d` as filled, with `rest` characters of the candidate still to come: the band's cells
   * and column 0 (a cell off the band costs more than the limit, so it cannot bring the bound within it).
   */
  private rowBound(d: number, rest: number, limit: number): number {
    const { table, width } = this;
    const n = this.text.length;
    const row = d * width;
    const reach = Math.floor(limit / slipCost);
    const last = Math.min(n, d + reach);
    let bound = (table[row] ?? 0) + Math.abs(n - rest) * slipCost;
    for (let i = Math.max(1, d - reach); i <= last; i++) {
      const atLeast = (table[row + i] ?? 0) + Math.abs(n - i - rest) * slipCost;
      if (atLeast < bound) bound = atLeast;
    }
    return bound;
  }

  /**
   * Fills row `d` for `intended` from the two above; answers a bound the whole cost cannot beat: the best cell plus
   * a slip for each character that the `rest` still to come and the typed characters left cannot pair up. Only the
   * answer "more than `limit`" or not matters, to the caller and to later rows.
   *
   * Cell i of row d costs at least |i - d| slips (each step off the diagonal is a key extra or omitted), so only the
   * band of cells within the limit of the diagonal is filled, and the cell just outside each edge gets `limit + 1`,
   * which the band's cells read as "more than the limit", as they would the cell's real cost. Every cell of the band
   * then holds its real cost when that is within the limit, and more than the limit otherwise, as in a full row, and
   * the bound is more than the limit exactly when a full row's is: the same early stops, the same costs.
   */
  private fillRow(d: number, intended: string, rest: number, limit: number): number {
    const { table, insertion, width } = this;
    const typed = this.text;
    const n = typed.length;
    const b = intended.charCodeAt(d - 1);
    const bBefore = d > 1 ? intended.charCodeAt(d - 2) : -1;
    const row = d * width;
    const above = row - width;
    const twoAbove = above - width;
    const reach = Math.floor(limit / slipCost); // cells further off the diagonal than this cost more than the limit
    const first = Math.max(1, d - reach);
    const last = Math.min(n, d + reach);
    if (first > 1) table[row + first - 1] = limit + 1;
    if (last < n) table[row + last + 1] = limit + 1;
    let bound = (table[row] = d * slipCost) + Math.abs(n - rest) * slipCost;
    for (let i = first; i <= last; i++) {
      const a = typed.charCodeAt(i - 1);
      let cost = (table[above + i - 1] ?? 0) + substitutionCost(a, b);
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
