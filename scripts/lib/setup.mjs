// Brings a checkout to a runnable state: dependencies installed, TypeScript built.

import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { runShown, ScriptError } from './process.mjs';
import { REPO_ROOT } from './services.mjs';

/**
 * Installs npm dependencies when node_modules is missing (`npm ci` with a lockfile, else
 * `npm install`) or older than package-lock.json (`npm install`). Output is shown.
 */
export async function ensureDependencies() {
  const lockFile = join(REPO_ROOT, 'package-lock.json');
  const nodeModules = join(REPO_ROOT, 'node_modules');
  const hasLock = existsSync(lockFile);

  if (!existsSync(nodeModules)) {
    await npm(hasLock ? ['ci'] : ['install']);
    return { installed: true };
  }
  if (hasLock && installIsStale(lockFile, nodeModules)) {
    await npm(['install']);
    return { installed: true };
  }
  return { installed: false };
}

/** Compiles every workspace with the project references (`tsc -b`). */
export async function ensureBuilt() {
  const code = await runShown(join(REPO_ROOT, 'node_modules', '.bin', 'tsc'), ['-b'], {
    cwd: REPO_ROOT,
  });
  if (code !== 0) {
    throw new ScriptError('SETUP_ERR_BUILD_FAILED', `tsc -b exited with ${code}`);
  }
}

// npm writes node_modules/.package-lock.json after package-lock.json on every install, so a
// lockfile newer than it means someone changed dependencies since the last install here.
function installIsStale(lockFile, nodeModules) {
  const installed = join(nodeModules, '.package-lock.json');
  if (!existsSync(installed)) {
    return true;
  }
  return statSync(lockFile).mtimeMs > statSync(installed).mtimeMs;
}

async function npm(args) {
  console.log(`setup: npm ${args.join(' ')}`);
  const code = await runShown('npm', args, { cwd: REPO_ROOT });
  if (code !== 0) {
    throw new ScriptError('SETUP_ERR_INSTALL_FAILED', `npm ${args.join(' ')} exited with ${code}`);
  }
}
