/**
 * A quick measurement of the pure care-plan computation as a desk of 300 customers runs it
 * (every rule of every segment, in Europe/Helsinki): evaluateCarePlan × 300, p50 of 50 rounds.
 *
 *   npx esbuild bench/carePlan.ts --bundle --platform=node --target=node20 --outfile=dist/bench/carePlan.js && node dist/bench/carePlan.js
 */
import { DEFAULT_CARE_PLAN_RULES, evaluateCarePlan, type CareSubject } from '../shared/domain/carePlan';
import type { Segment } from '../shared/domain/codes';

const DAY = 86_400_000;
const now = new Date();
const segments: Segment[] = ['A', 'B', 'C', 'P'];
// Distinct instants over two years, as real customers have them (a cache keyed by instant would not help).
const subjects: CareSubject[] = Array.from({ length: 300 }, (_, i) => ({
  segment: segments[i % 4]!,
  customerGroup: 'company',
  createdAt: new Date(now.getTime() - (400 + i) * DAY - i * 7_919_000),
  lastActionAt: {
    call: new Date(now.getTime() - (i % 97) * DAY - i * 3_613_000),
    email_in: new Date(now.getTime() - (i % 41) * DAY - i * 1_237_000),
    meeting: new Date(now.getTime() - (i % 211) * DAY - i * 5_171_000),
  },
  planned: i % 10 === 0 ? [{ kind: 'meeting', occurredAt: new Date(now.getTime() + (i % 30) * DAY) }] : [],
}));

const rounds: number[] = [];
for (let r = 0; r < 50; r++) {
  const t0 = performance.now();
  for (const s of subjects) evaluateCarePlan(DEFAULT_CARE_PLAN_RULES, s, now, 'Europe/Helsinki');
  rounds.push(performance.now() - t0);
}
const first = rounds[0]!;
rounds.sort((a, b) => a - b);
console.log(`[care-plan bench] evaluateCarePlan × 300: first round ${first.toFixed(2)} ms, p50 ${rounds[25]!.toFixed(2)} ms, max ${rounds[49]!.toFixed(2)} ms`);
