// A production instance of the built app (`next start`) on a given database, for the benchmark
// and the scale-out check, and a signed-in session on it through the real sign-in route.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { nextBin } from './build-app';

const root = path.resolve(import.meta.dirname, '..');

export type AppInstance = { url: string; pid: number; stop: () => Promise<void> };

/** Starts `next start` on `port` and resolves once the sign-in page answers. Needs `npm run build` first. */
export async function startAppInstance(port: number, env: Record<string, string | undefined>): Promise<AppInstance> {
  const url = `http://localhost:${port}`;
  const child = spawn(process.execPath, [nextBin, 'start', '-p', String(port)], {
    cwd: root,
    // `next start` serves a production build only, so NODE_ENV is not the caller's to choose.
    env: { ...process.env, NEXTAUTH_URL: url, NEXT_TELEMETRY_DISABLED: '1', ...env, NODE_ENV: 'production' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (d) => (output += d));
  child.stderr.on('data', (d) => (output += d));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    await exited;
  };
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`next start exited with ${child.exitCode}:\n${output}`);
    try {
      if ((await fetch(`${url}/sign-in`)).ok) return { url, pid: child.pid!, stop };
    } catch {
      // Not listening yet.
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  await stop();
  throw new Error(`next start did not answer on ${url} within 60 s:\n${output}`);
}

function cookiesOf(response: Response): string[] {
  return response.headers.getSetCookie().map((c) => c.split(';')[0]!);
}

/** Signs in through next-auth's credentials callback; returns the Cookie header of the session. */
export async function signInSession(baseUrl: string, email: string, password: string): Promise<string> {
  const csrf = await fetch(`${baseUrl}/api/auth/csrf`);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const response = await fetch(`${baseUrl}/api/auth/callback/credentials`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: cookiesOf(csrf).join('; ') },
    body: new URLSearchParams({ csrfToken, email, password, json: 'true' }),
  });
  const session = cookiesOf(response).find((c) => c.startsWith('next-auth.session-token='));
  if (!session) throw new Error(`Sign-in as ${email} on ${baseUrl} failed (HTTP ${response.status}).`);
  return session;
}
