// A private PostgreSQL cluster: initdb once into `<dir>/pgdata`, started with pg_ctl, TCP
// only on 127.0.0.1 with trust auth for one superuser. initdb and the server refuse to run as
// root, so under root they run as the `postgres` OS user, which must own the data folder.

import { createHash } from 'node:crypto';
import { appendFileSync, existsSync, mkdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { isRoot, lastLines, runCaptured, runChecked, ScriptError, waitUntil } from './process.mjs';

const HOST = '127.0.0.1';
const START_TIMEOUT_MS = 60_000;
// How long a just-launched postmaster may take to write its pid file.
const GRACE_MS = 3_000;
const SERVER_USER = 'postgres';
const FALLBACK_ROOT = '/var/tmp';
// The server and its tools speak English with the C locale, whatever the caller's locale.
const PG_ENV = { ...process.env, LANG: 'C', LC_ALL: 'C', PGCONNECT_TIMEOUT: '3' };

/**
 * Starts the cluster unless a server already answers on `port`, then creates `database`
 * if missing. `durable: false` turns fsync off (test data is thrown away).
 */
export async function startPostgres({ bins, dir, port, user, database, durable }) {
  if (!(await postgresReady({ bins, port, user }))) {
    const owner = serverOwner();
    const paths = pathsOf(dir, owner);
    if (!paths.dataDir.startsWith(dir)) {
      console.log(
        `services: '${SERVER_USER}' cannot enter ${dir}; PostgreSQL data in ${paths.dataDir}`,
      );
    }
    initCluster({ bins, paths, port, user, durable, owner });
    startServer({ bins, paths, owner });
    await waitForServer({ bins, paths, port, user });
    ensureDatabase({ bins, port, user, database });
    return { started: true };
  }

  ensureDatabase({ bins, port, user, database });
  return { started: false };
}

/** Fast shutdown: rolls back open transactions, disconnects clients, checkpoints. */
export function stopPostgres({ bins, dir }) {
  if (isRoot() && !userExists(SERVER_USER)) {
    return { stopped: false };
  }

  const owner = serverOwner();
  const paths = pathsOf(dir, owner);
  if (!postmasterAlive(paths)) {
    return { stopped: false };
  }
  if (!bins.pgCtl) {
    throw new ScriptError(
      'SERVICES_ERR_BINARY_MISSING',
      'pg_ctl not found; cannot stop PostgreSQL',
    );
  }

  const args = ['stop', '-D', paths.dataDir, '-m', 'fast', '-w', '-t', '60'];
  runChecked(bins.pgCtl, args, { asUser: owner, env: PG_ENV, cwd: '/' });
  return { stopped: true };
}

/** True when the server accepts connections: pg_isready when installed, else `select 1`. */
export async function postgresReady({ bins, port, user }) {
  const where = ['-h', HOST, '-p', String(port), '-U', user];
  if (bins.pgIsready) {
    return runCaptured(bins.pgIsready, [...where, '-d', 'postgres'], { env: PG_ENV }).status === 0;
  }
  const result = runCaptured(bins.psql, [...where, '-d', 'postgres', '-XtAc', 'select 1'], {
    env: PG_ENV,
  });
  return result.status === 0;
}

async function waitForServer({ bins, paths, port, user }) {
  const startedAtMs = Date.now();

  // A postmaster that dies at once (port taken, bad setting) fails here, not after a minute.
  const check = async () => {
    if (await postgresReady({ bins, port, user })) {
      return true;
    }
    if (Date.now() - startedAtMs > GRACE_MS && !postmasterAlive(paths)) {
      throw new ScriptError(
        'SERVICES_ERR_START_FAILED',
        `PostgreSQL on port ${port} exited while starting:\n${lastLines(readLog(paths), 10)}`,
      );
    }
    return false;
  };

  await waitUntil(check, {
    what: `PostgreSQL on port ${port}`,
    timeoutMs: START_TIMEOUT_MS,
    hint: `; see ${paths.logFile}`,
  });
}

function postmasterAlive(paths) {
  const pidFile = join(paths.dataDir, 'postmaster.pid');
  if (!existsSync(pidFile)) {
    return false;
  }

  const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: the process exists but belongs to another user.
    return err.code === 'EPERM';
  }
}

function readLog(paths) {
  return existsSync(paths.logFile) ? readFileSync(paths.logFile, 'utf8').trim() : '';
}

function ensureDatabase({ bins, port, user, database }) {
  const psql = (sql) =>
    runChecked(bins.psql, ['-h', HOST, '-p', String(port), '-U', user, '-d', 'postgres', ...sql], {
      env: PG_ENV,
    });

  // Database names here are fixed identifiers of ours, so quoting them literally is safe.
  const found = psql(['-XtAc', `select 1 from pg_database where datname = '${database}'`]);
  if (found.stdout.trim() !== '1') {
    psql(['-Xqc', `create database "${database}"`]);
  }
}

function initCluster({ bins, paths, port, user, durable, owner }) {
  if (existsSync(join(paths.dataDir, 'PG_VERSION'))) {
    checkMajorVersion({ bins, paths });
    takeOwnership(paths, owner);
    return;
  }

  // A data folder without PG_VERSION is a failed earlier initdb: ours to clear.
  rmSync(paths.dataDir, { recursive: true, force: true });
  mkdirSync(paths.dataDir, { recursive: true, mode: 0o700 });
  takeOwnership(paths, owner);

  const args = ['-D', paths.dataDir, '-U', user, '--auth=trust', '--encoding=UTF8', '--no-locale'];
  runChecked(bins.initdb, args, { asUser: owner, env: PG_ENV, cwd: '/' });
  appendFileSync(join(paths.dataDir, 'postgresql.conf'), serverSettings({ port, durable }));
}

function startServer({ bins, paths, owner }) {
  // -W: pg_ctl returns once the postmaster is launched; readiness is polled by the caller.
  const args = ['start', '-D', paths.dataDir, '-l', paths.logFile, '-W'];
  runChecked(bins.pgCtl, args, { asUser: owner, env: PG_ENV, cwd: '/' });
}

function serverSettings({ port, durable }) {
  const lines = [
    '',
    '# Private instance settings written by scripts/lib/postgres-instance.mjs',
    "listen_addresses = '127.0.0.1'",
    `port = ${port}`,
    "unix_socket_directories = ''",
    'max_connections = 200',
  ];
  if (!durable) {
    lines.push('fsync = off', 'synchronous_commit = off', 'full_page_writes = off');
  }
  return `${lines.join('\n')}\n`;
}

function checkMajorVersion({ bins, paths }) {
  const dataVersion = readFileSync(join(paths.dataDir, 'PG_VERSION'), 'utf8').trim();
  const serverVersion = runChecked(bins.postgres, ['--version'], { env: PG_ENV }).stdout;
  const serverMajor = /(\d+)(\.\d+)?/.exec(serverVersion)?.[1];
  if (serverMajor !== dataVersion) {
    throw new ScriptError(
      'SERVICES_ERR_PG_VERSION',
      `${paths.dataDir} was made by PostgreSQL ${dataVersion} but the server is ` +
        `${serverMajor}; delete that folder to start afresh`,
    );
  }
}

/** The OS user that runs initdb and the server: `postgres` under root, else ourselves. */
function serverOwner() {
  if (!isRoot()) {
    return undefined;
  }

  const uid = runCaptured('id', ['-u', SERVER_USER]);
  const gid = runCaptured('id', ['-g', SERVER_USER]);
  if (uid.status !== 0 || gid.status !== 0) {
    throw new ScriptError(
      'SERVICES_ERR_NO_SERVER_USER',
      `running as root needs the '${SERVER_USER}' OS user (apt-get install postgresql makes it)`,
    );
  }
  return { uid: Number(uid.stdout.trim()), gid: Number(gid.stdout.trim()) };
}

function takeOwnership(paths, owner) {
  if (!existsSync(paths.logFile)) {
    appendFileSync(paths.logFile, '');
  }
  if (!owner) {
    return;
  }

  const ownerIds = `${owner.uid}:${owner.gid}`;
  if (statSync(paths.dataDir).uid !== owner.uid) {
    runChecked('chown', ['-R', ownerIds, paths.dataDir]);
  }
  runChecked('chown', [ownerIds, paths.logFile]);
}

/**
 * Where the cluster lives: `<dir>/pgdata` and `<dir>/postgres.log`. Under root the server
 * runs as `postgres`, which may be unable to pass through the checkout's parent folders
 * (a clone under /root, mode 700). Then both go to a folder of their own under /var/tmp,
 * named after `dir` so every later start, stop and status finds the same one.
 */
function pathsOf(dir, owner) {
  mkdirSync(dir, { recursive: true });
  const base = owner && !canEnter(dir, owner) ? fallbackBase(dir) : dir;
  if (base !== dir) {
    mkdirSync(base, { recursive: true, mode: 0o755 });
  }
  return { dataDir: join(base, 'pgdata'), logFile: join(base, 'postgres.log') };
}

function userExists(name) {
  return runCaptured('id', ['-u', name]).status === 0;
}

function canEnter(dir, owner) {
  return runCaptured('test', ['-x', dir], { asUser: owner, cwd: '/' }).status === 0;
}

function fallbackBase(dir) {
  const digest = createHash('sha256').update(dir).digest('hex').slice(0, 12);
  return join(FALLBACK_ROOT, `imobibase-pg-${digest}`);
}
