import { describe, expect, it } from 'vitest';
import { classifyMessage } from '@/lib/bounces/classify';
import { bounceResultSchema, type BounceResult } from '@/lib/bounces/schema';
import { emptyTally, floors, loadCorpus, rates, scoreMessage, type Miss } from './corpus';

/**
 * The issue's targets on the 382-message corpus (sisimai/set-of-emails, BSD-2, with Sisimai's results), as a
 * regression floor. `npm run bench:classify` prints the same numbers with every miss.
 */
describe('bounce corpus', async () => {
  const corpus = loadCorpus();
  const tally = emptyTally();
  const misses: Miss[] = [];
  const allResults: BounceResult[] = [];
  for (const message of corpus) {
    const results = await classifyMessage(message.raw);
    allResults.push(...results);
    scoreMessage(message, results, tally, misses);
  }
  const scored = rates(tally);

  it('reads every message', () => {
    expect(tally.messages).toBe(382);
  });

  it.each(Object.entries(floors))('%s accuracy is at least %d', (name, floor) => {
    expect(scored[name as keyof typeof floors], `misses:\n${misses.map((m) => `${m.file} ${m.expected} -> ${m.got}`).join('\n')}`)
      .toBeGreaterThanOrEqual(floor);
  });

  it('returns only results that satisfy the schema', () => {
    for (const result of allResults) expect(bounceResultSchema.safeParse(result).success).toBe(true);
  });

  it('marks hard only what its class calls hard', () => {
    for (const result of allResults) expect(result.hard).toBe(result.class === 'hard');
  });
});
