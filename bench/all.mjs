// `npm run bench`: builds, then runs every benchmark one after another with its defaults.
// Each prints its figures beside its baseline; see BENCHMARKS.md for what they mean.
//
//   npm run bench [-- --json-dir DIR]   (DIR receives one JSON file of figures per benchmark)

import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { runShown } from '../scripts/lib/process.mjs';
import { REPO_ROOT } from '../scripts/lib/services.mjs';
import { ensureBuilt } from '../scripts/lib/setup.mjs';

const BENCHMARKS = ['pdf-render', 'client-enqueue', 'api-enqueue', 'month-end-batch'];

const { values } = parseArgs({ options: { 'json-dir': { type: 'string' } } });
await ensureBuilt();
if (values['json-dir']) {
  mkdirSync(values['json-dir'], { recursive: true });
}

let failed = 0;
for (const name of BENCHMARKS) {
  process.stdout.write(`\n=== ${name}\n`);
  const json = values['json-dir'] ? ['--json', join(values['json-dir'], `${name}.json`)] : [];
  const code = await runShown(
    process.execPath,
    [join(REPO_ROOT, 'bench', `${name}.mjs`), ...json],
    {
      cwd: REPO_ROOT,
    },
  );
  if (code !== 0) {
    failed += 1;
    process.stdout.write(`${name} exited with ${code}\n`);
  }
}
process.exit(failed === 0 ? 0 : 1);
