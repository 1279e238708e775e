// Finds the Redis and PostgreSQL server programs of the operating system, and installs them
// with apt-get when they are missing and we are root (a fresh CI machine).

import { accessSync, constants, existsSync, readdirSync, realpathSync } from 'node:fs';
import { delimiter, dirname, join } from 'node:path';
import { isRoot, lastLines, runCaptured, ScriptError } from './process.mjs';

const PG_LIB_DIR = '/usr/lib/postgresql';
const APT_PACKAGES = ['redis-server', 'postgresql'];

/**
 * Returns the paths of the programs the wanted services need, installing them first when
 * they are missing. `want` is { redis: boolean, postgres: boolean }.
 */
export function ensureBinaries(want) {
  const found = locateBinaries();
  const missing = missingFor(found, want);
  if (missing.length === 0) {
    return found;
  }

  if (!isRoot()) {
    throw new ScriptError(
      'SERVICES_ERR_BINARY_MISSING',
      `missing ${missing.join(', ')}: install them (Debian/Ubuntu: sudo apt-get install -y ` +
        `${APT_PACKAGES.join(' ')}) or set REDIS_URL / DATABASE_URL`,
    );
  }

  installWithApt(missing);
  const afterInstall = locateBinaries();
  const stillMissing = missingFor(afterInstall, want);
  if (stillMissing.length > 0) {
    throw new ScriptError(
      'SERVICES_ERR_BINARY_MISSING',
      `still missing after apt-get install: ${stillMissing.join(', ')}`,
    );
  }
  return afterInstall;
}

/**
 * Looks the programs up without installing anything. PostgreSQL's helpers are taken from the
 * folder that holds the real `initdb`, so client and server versions match.
 */
export function locateBinaries() {
  const initdb = findOnPath('initdb') ?? findInNewestPgDir('initdb');
  const pgBinDir = initdb ? dirname(realpathSync(initdb)) : undefined;
  const pgTool = (name) => findInDir(pgBinDir, name) ?? findOnPath(name);

  return {
    redisServer: findOnPath('redis-server') ?? findInDir('/usr/sbin', 'redis-server'),
    initdb,
    pgCtl: pgTool('pg_ctl'),
    postgres: pgTool('postgres'),
    psql: pgTool('psql'),
    pgIsready: pgTool('pg_isready'),
  };
}

function missingFor(found, want) {
  const needed = [];
  if (want.redis) {
    needed.push(['redis-server', found.redisServer]);
  }
  if (want.postgres) {
    needed.push(['initdb', found.initdb], ['pg_ctl', found.pgCtl]);
    needed.push(['postgres', found.postgres], ['psql', found.psql]);
  }
  return needed.filter(([, path]) => !path).map(([name]) => name);
}

function installWithApt(missing) {
  process.stdout.write(
    `services: ${missing.join(', ')} not found; installing ${APT_PACKAGES.join(' ')} ` +
      'with apt-get (a minute or two)\n',
  );
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };

  for (const args of [['update'], ['install', '-y', '--no-install-recommends', ...APT_PACKAGES]]) {
    const result = runCaptured('apt-get', args, { env });
    if (result.status !== 0) {
      const output = lastLines(`${result.stdout}\n${result.stderr}`.trim(), 20);
      throw new ScriptError(
        'SERVICES_ERR_INSTALL_FAILED',
        `apt-get ${args[0]} failed with ${result.status}\n${output}`,
      );
    }
  }
}

function findOnPath(name) {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    const found = findInDir(dir, name);
    if (found) {
      return found;
    }
  }
  return undefined;
}

function findInNewestPgDir(name) {
  if (!existsSync(PG_LIB_DIR)) {
    return undefined;
  }

  // Folders are major versions ("15", "16"); numeric order, newest first.
  const versions = readdirSync(PG_LIB_DIR)
    .filter((entry) => /^\d+(\.\d+)?$/.test(entry))
    .sort((a, b) => Number.parseFloat(b) - Number.parseFloat(a));
  for (const version of versions) {
    const found = findInDir(join(PG_LIB_DIR, version, 'bin'), name);
    if (found) {
      return found;
    }
  }
  return undefined;
}

function findInDir(dir, name) {
  if (!dir) {
    return undefined;
  }

  const candidate = join(dir, name);
  try {
    accessSync(candidate, constants.X_OK);
    return candidate;
  } catch {
    return undefined;
  }
}
