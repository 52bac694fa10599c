// Starts a real assayd for a browser test: fresh temp dir and SQLite database, port 0 read back from a port file.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';

export const ADMIN_PASSWORD = 'E2e-admin-pw-1';
const START_DEADLINE_MS = 30_000;
const STOP_DEADLINE_MS = 10_000;
const POLL_MS = 50;

function readPort(file) {
  let text;
  try { text = fs.readFileSync(file, 'utf8').trim(); } catch { return null; }
  const m = /(\d+)$/.exec(text); // "8080" or "127.0.0.1:8080"
  const port = m ? Number(m[1]) : 0;
  return port > 0 && port < 65536 ? port : null;
}

function describeExit({ code, signal, error }) {
  return error ? `failed to start: ${error.message}` : signal ? `killed by ${signal}` : `exit code ${code}`;
}

// Returns {baseUrl, logs(), stop(), exited()}. stop() sends SIGTERM, waits for the exit (SIGKILL after 10 s), removes
// the temp dir and returns {code, signal, log}. Throws, with the server's output, if it is not ready in 30 s.
// Options: dir, an existing data directory to start on again (kept at stop: the caller removes it), and env,
// extra environment variables.
export async function startServer({ dir: reuse, env: extra = {} } = {}) {
  const bin = process.env.ASSAYD_BIN;
  if (!bin) throw new Error('ASSAYD_BIN is not set: point it at the assayd binary, e.g. ASSAYD_BIN=build/release/server/assayd');
  const binPath = path.resolve(bin);
  if (!fs.existsSync(binPath)) throw new Error(`ASSAYD_BIN=${bin}: no such file (${binPath})`);

  const dir = reuse ?? await fsp.mkdtemp(path.join(os.tmpdir(), 'assay-e2e-'));
  fs.rmSync(path.join(dir, 'port'), { force: true }); // a port file from an earlier start is stale
  const portFile = path.join(dir, 'port');
  const logFile = path.join(dir, 'assayd.log');
  const env = {
    ...process.env,
    ASSAY_HTTP_PORT: '0',
    ASSAY_HTTP_PORT_FILE: portFile,
    ASSAY_DB_URL: `sqlite:${path.join(dir, 'assay.db')}`,
    ASSAY_DATA_DIR: dir,
    ASSAY_ADMIN_PASSWORD: ADMIN_PASSWORD,
    ...extra,
  };
  delete env.ASSAY_WEB_ROOT; // the server knows its own web root

  const logFd = fs.openSync(logFile, 'a'); // stdout and stderr interleaved in one file
  const child = spawn(binPath, [], { cwd: dir, env, stdio: ['ignore', logFd, logFd] });
  fs.closeSync(logFd);
  let exited = null;
  const exit = new Promise((resolve) => {
    child.once('exit', (code, signal) => resolve((exited ??= { code, signal })));
    child.once('error', (error) => resolve((exited ??= { code: null, signal: null, error })));
  });

  const logs = () => {
    try { return fs.readFileSync(logFile, 'utf8'); } catch { return '(no log)'; }
  };

  const stop = async () => {
    if (!exited) {
      child.kill('SIGTERM');
      await Promise.race([exit, delay(STOP_DEADLINE_MS, null, { ref: false })]);
      if (!exited) {
        child.kill('SIGKILL');
        await exit;
        exited.timedOut = true;
      }
    }
    const result = { ...exited, log: logs() };
    if (!reuse) await fsp.rm(dir, { recursive: true, force: true });
    return result;
  };

  const deadline = Date.now() + START_DEADLINE_MS;
  let waitingFor = `the port file ${portFile}`;
  for (;;) {
    if (exited) {
      const { log } = await stop();
      throw new Error(`assayd ${describeExit(exited)} before it was ready\n--- assayd output ---\n${log}`);
    }
    if (Date.now() > deadline) {
      const { log } = await stop();
      throw new Error(`assayd was not ready within ${START_DEADLINE_MS / 1000} s, still waiting for ${waitingFor}\n--- assayd output ---\n${log}`);
    }
    const port = readPort(portFile); // read again each time: the file may be half written
    if (port) {
      const baseUrl = `http://127.0.0.1:${port}`;
      try {
        const res = await fetch(`${baseUrl}/api/health`, { signal: AbortSignal.timeout(2_000) });
        await res.arrayBuffer();
        if (res.status === 200) return { baseUrl, logs, stop, exited: exit };
        waitingFor = `GET /api/health to answer 200 (it answered ${res.status})`;
      } catch (err) {
        waitingFor = `GET ${baseUrl}/api/health (${err.cause?.message ?? err.message})`;
      }
    }
    await delay(POLL_MS); // polling a condition under the deadline above
  }
}

export { describeExit };
