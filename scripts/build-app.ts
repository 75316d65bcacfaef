// Builds the production app when its sources changed since the last build: for `npm start` and `npm run bench`.
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
export const nextBin = path.join(root, 'node_modules', 'next', 'dist', 'bin', 'next');

/** The newest modification time under the folders a build depends on. */
function newestSource(): number {
  let newest = 0;
  const visit = (p: string) => {
    if (!existsSync(p)) return;
    const stat = statSync(p);
    if (stat.isDirectory()) {
      if (p.endsWith(`${path.sep}generated`)) return;
      for (const entry of readdirSync(p)) visit(path.join(p, entry));
    } else newest = Math.max(newest, stat.mtimeMs);
  };
  for (const p of ['app', 'components', 'features', 'lib', 'proxy.ts', 'instrumentation.ts', 'next.config.js', 'package-lock.json'])
    visit(path.join(root, p));
  return newest;
}

export function buildIsStale(): boolean {
  const buildId = path.join(root, '.next', 'BUILD_ID');
  return !existsSync(buildId) || statSync(buildId).mtimeMs < newestSource();
}

function run(command: string, args: string[], env: NodeJS.ProcessEnv): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: root, env, stdio: 'inherit' });
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${command} ${args.join(' ')} exited with ${code}`))));
  });
}

export function buildApp(env: NodeJS.ProcessEnv): Promise<void> {
  return run(process.execPath, [nextBin, 'build'], { ...env, NODE_ENV: 'production', NEXT_TELEMETRY_DISABLED: '1' });
}
