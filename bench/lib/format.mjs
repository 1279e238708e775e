// Number formatting and the small statistics the benchmarks print.

/** The median of a non-empty list of numbers. */
export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  if (sorted.length % 2 === 1) {
    return sorted[middle];
  }
  return (sorted[middle - 1] + sorted[middle]) / 2;
}

export const mib = (bytes) => `${(bytes / 1024 / 1024).toFixed(0)} MiB`;

export const perSecond = (count, ms) => (count * 1000) / ms;

/** 1234.5 → "1,235"; for rates and counts. */
export const whole = (value) => Math.round(value).toLocaleString('en-US');

export const percent = (ratio) => `${(ratio * 100).toFixed(1)}%`;

export const say = (line = '') => process.stdout.write(`${line}\n`);

/** Prints aligned two-column rows: [label, value]. */
export function printRows(rows, indent = '  ') {
  const width = Math.max(...rows.map(([label]) => label.length));
  for (const [label, value] of rows) {
    say(`${indent}${label.padEnd(width)}  ${value}`);
  }
}

/**
 * "target met" / "target MISSED" for a figure that must be at least `atLeast` (or at most
 * `atMost`), with the target shown.
 */
export function verdict(value, { atLeast, atMost, shown }) {
  const met = atLeast !== undefined ? value >= atLeast : value < atMost;
  const bound = atLeast !== undefined ? `>= ${shown ?? atLeast}` : `< ${shown ?? atMost}`;
  return met ? `target ${bound}: met` : `target ${bound}: MISSED`;
}
