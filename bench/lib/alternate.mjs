// Measures a figure and its baseline in turns, so a slow spell of the machine falls on both,
// and reports the median of each with their ratio.

import { median } from './format.mjs';

/**
 * Runs `rounds` rounds of `baseline()` and `subject()`, each resolving a rate (per second).
 * The order flips every round (baseline first, then subject first, ...), so neither side always
 * inherits what the other left behind (garbage to collect, keys Redis is still freeing).
 * Resolves { subject: number[], baseline: number[], subjectMedian, baselineMedian, ratio },
 * `ratio` being the median of each round's subject / baseline: the two halves of a round ran
 * seconds apart, so the machine's drift between rounds cancels out of it.
 */
export async function alternate({ rounds, subject, baseline, onRound }) {
  const subjectRates = [];
  const baselineRates = [];
  for (let round = 0; round < rounds; round++) {
    if (round % 2 === 0) {
      baselineRates.push(await baseline());
      subjectRates.push(await subject());
    } else {
      subjectRates.push(await subject());
      baselineRates.push(await baseline());
    }
    onRound?.(round, baselineRates.at(-1), subjectRates.at(-1));
  }
  return {
    subject: subjectRates,
    baseline: baselineRates,
    subjectMedian: median(subjectRates),
    baselineMedian: median(baselineRates),
    ratio: median(subjectRates.map((rate, round) => rate / baselineRates[round])),
  };
}
