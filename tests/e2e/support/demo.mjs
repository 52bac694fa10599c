// The demo lab (`assayctl demo`) in a fresh data directory, for browser walks that set nothing up
// through the API: withAssay(name, fn, await demoLab()) starts assayd on it. assayctl is ASSAYCTL_BIN,
// else the assayctl beside ASSAYD_BIN. The caller removes the directory (dir) when done. env: extra
// variables for assayctl demo (e.g. ASSAY_INSTANCE_ROLE=both), also returned in env for assayd.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { ADMIN_PASSWORD } from './server.mjs';

export const DEMO_PASSWORD = 'Assay-demo-2026';
// The demo lab's scope names this site; orders that name none use it (as scripts/run.sh sets it).
export const DEMO_SITE = '天河实验室';

export async function demoLab({ env: extra = {} } = {}) {
  const bin = process.env.ASSAYCTL_BIN || (process.env.ASSAYD_BIN && path.join(path.dirname(path.resolve(process.env.ASSAYD_BIN)), 'assayctl'));
  if (!bin || !fs.existsSync(bin)) throw new Error(`assayctl not found (${bin}): set ASSAYCTL_BIN or put it beside ASSAYD_BIN`);
  const dir = await fsp.mkdtemp(path.join(os.tmpdir(), 'assay-e2e-demo-'));
  const env = { ...process.env, ASSAY_DB_URL: `sqlite:${path.join(dir, 'assay.db')}`, ASSAY_DATA_DIR: dir,
    ASSAY_ADMIN_PASSWORD: ADMIN_PASSWORD, ASSAY_INTAKE_DEFAULT_SITE: DEMO_SITE, ...extra };
  try {
    execFileSync(bin, ['demo'], { cwd: dir, env, stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (err) {
    await fsp.rm(dir, { recursive: true, force: true });
    throw new Error(`assayctl demo failed: ${err.stderr ?? err.message}`);
  }
  return { dir, env: { ASSAY_INTAKE_DEFAULT_SITE: DEMO_SITE, ...extra }, remove: () => fsp.rm(dir, { recursive: true, force: true }) };
}
