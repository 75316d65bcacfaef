// `npm run bench`: the audit-scale organization (generated once into .data/bench), the production
// build on it, and median/p95 over repeated runs of the pages, exports, imports, upload and
// evidence package, each page beside its SQL floor, each large import beside a page's times during
// it. Prints a table; writes JSON (--out). `--only csv,oscal` runs the measures whose names contain
// one of the words.
//
//   npm run bench -- [--runs 20] [--scale 1] [--package-mb 1024] [--out .data/bench/results.json] [--only <words>]
import { UPLOAD_CONTENT_TYPE } from '@/features/evidence/upload.policy';
import { randomBytes, randomUUID } from 'node:crypto';
import { openAsBlob, readdirSync, readFileSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { freePort, openDatabase } from '@/lib/embedded-postgres';
import { applyMigrations } from '@/lib/prisma-cli';
import { startAppInstance, signInSession, type AppInstance } from '../app-instance';
import { buildApp, buildIsStale } from '../build-app';
import { benchCatalog, benchControlsCsv, CSV_CODE_PREFIX, CSV_ROWS, whileProbing } from './imports';
import {
  clearFindings,
  FINDINGS_COUNT,
  findingsToken,
  ocsfFindingsFile,
  prepareFindingsOrg,
  REAL_SHAPED_COUNT,
  realShapedFindingsFile,
} from './findings';

const root = path.resolve(import.meta.dirname, '../..');
const { values: args } = parseArgs({
  options: {
    runs: { type: 'string', default: '20' },
    scale: { type: 'string', default: '1' },
    'package-mb': { type: 'string', default: '1024' },
    out: { type: 'string', default: '.data/bench/results.json' },
    only: { type: 'string' },
  },
});
const RUNS = Number(args.runs);
const dataDir = path.resolve(root, '.data/bench');
const log = (line: string) => console.log(`[bench] ${line}`);
const only = args.only
  ?.split(',')
  .map((w) => w.trim().toLowerCase())
  .filter(Boolean);
/** Whether a measure runs: all of them unless --only names words of theirs. */
const wanted = (name: string) => !only?.length || only.some((word) => name.toLowerCase().includes(word));

// ── Measuring ───────────────────────────────────────────────────────────────────────────

type Stats = { runs: number; median: number; p95: number };
function stats(samples: number[]): Stats {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]!;
  return { runs: sorted.length, median: round(at(0.5)), p95: round(at(0.95)) };
}
const round = (n: number) => Math.round(n * 10) / 10;

async function time(
  runs: number,
  fn: () => Promise<unknown>,
  { warmup = 2, before }: { warmup?: number; before?: () => Promise<unknown> } = {},
) {
  const samples: number[] = [];
  for (let i = 0; i < warmup + runs; i++) {
    await before?.();
    const started = performance.now();
    await fn();
    if (i >= warmup) samples.push(performance.now() - started);
  }
  return stats(samples);
}

/** Resident memory of the app's process tree (next start and any worker it forks), in MB. */
function treeRssMb(pid: number): number {
  const children = new Map<number, number[]>();
  for (const entry of readdirSafe('/proc')) {
    const stat = readSafe(`/proc/${entry}/stat`);
    if (!stat) continue;
    const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
    children.set(ppid, [...(children.get(ppid) ?? []), Number(entry)]);
  }
  let kb = 0;
  const visit = (p: number) => {
    kb += Number(/VmRSS:\s+(\d+)/.exec(readSafe(`/proc/${p}/status`) ?? '')?.[1] ?? 0);
    for (const child of children.get(p) ?? []) visit(child);
  };
  visit(pid);
  return kb / 1024;
}
function readdirSafe(dir: string): string[] {
  try {
    return readdirSync(dir).filter((e) => /^\d+$/.test(e));
  } catch {
    return [];
  }
}
function readSafe(file: string): string | null {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return null;
  }
}

/** Runs `fn` while sampling the server's memory every 10 ms; the peak, and the rise over the start. */
async function peakMemory<T>(pid: number, fn: () => Promise<T>): Promise<{ result: T; peakMb: number; riseMb: number }> {
  const startMb = treeRssMb(pid);
  let peakMb = startMb;
  const timer = setInterval(() => (peakMb = Math.max(peakMb, treeRssMb(pid))), 10);
  try {
    const result = await fn();
    peakMb = Math.max(peakMb, treeRssMb(pid));
    return { result, peakMb: round(peakMb), riseMb: round(peakMb - startMb) };
  } finally {
    clearInterval(timer);
  }
}

// ── Talking to the app ──────────────────────────────────────────────────────────────────

function client(app: AppInstance, cookie: string) {
  const headers = { cookie, origin: app.url };
  const check = async (response: Response, what: string) => {
    if (!response.ok) throw new Error(`${what}: HTTP ${response.status} ${(await response.text()).slice(0, 300)}`);
    return response;
  };
  return {
    /** GETs a page or file and reads it to the end; returns its size in bytes. */
    async get(url: string): Promise<number> {
      const response = await check(await fetch(app.url + url, { headers, redirect: 'manual' }), url);
      let size = 0;
      for await (const chunk of response.body!) size += (chunk as Uint8Array).byteLength;
      return size;
    },
    async post(url: string, body: Blob, extra: Record<string, string>): Promise<string> {
      const response = await check(await fetch(app.url + url, { method: 'POST', headers: { ...headers, ...extra }, body }), url);
      return response.text();
    },
  };
}

type Session = ReturnType<typeof client>;

// ── The run ─────────────────────────────────────────────────────────────────────────────

type Row = {
  name: string;
  median: number;
  p95: number;
  runs: number;
  unit: string;
  floor?: Stats;
  ratio?: number;
  extra?: string;
  target: string;
  met: boolean;
};

async function main() {
  await mkdir(dataDir, { recursive: true });
  const database = await openDatabase(dataDir);
  process.env.DATABASE_URL = database.url;
  process.env.DEMARC_DATA_DIR = dataDir;
  // The generator writes files where the app will read them (local storage unless configured).
  process.env.DEMARC_STORAGE_DIR ??= path.join(dataDir, 'evidence');
  await applyMigrations(database.url);
  // Loaded now: they read DATABASE_URL when imported.
  const gen = await import('./generate');
  const floors = await import('./floors');
  const { freshnessConfig } = await import('@/lib/config');

  const db = new pg.Client({ connectionString: database.url });
  await db.connect();
  let app: AppInstance | undefined;
  try {
    if (!(await gen.benchDataExists(db))) {
      log(`Generating the benchmark organizations (scale ${args.scale}, package ${args['package-mb']} MB); once per data folder…`);
      const started = performance.now();
      await gen.generate(db, {
        scale: Number(args.scale),
        packageBytes: Number(args['package-mb']) * 1024 * 1024,
        log: (l) => log(`  ${l}`),
      });
      log(`Generated in ${((performance.now() - started) / 1000).toFixed(1)} s.`);
    } else log('Using the benchmark organizations already in the database (delete .data/bench to regenerate).');

    if (buildIsStale()) {
      log('Building the production app…');
      await buildApp(process.env);
    }
    const appEnv = {
      DATABASE_URL: database.url,
      NEXTAUTH_SECRET: randomBytes(32).toString('hex'),
      DEMARC_DATA_DIR: dataDir,
      DEMARC_STORAGE_DIR: process.env.DEMARC_STORAGE_DIR,
    };
    app = await startAppInstance(await freePort(), appEnv);
    log(`App on ${app.url} (pid ${app.pid}).`);

    // What the pages are about.
    const one = async <T extends pg.QueryResultRow>(sql: string, params: unknown[] = []) => (await db.query<T>(sql, params)).rows[0]!;
    const org = await one<{ id: string }>(`SELECT id FROM "Organization" WHERE slug = $1`, [gen.BENCH_ORG]);
    const system = await one<{ id: string; name: string }>(`SELECT id, name FROM "System" WHERE "orgId" = $1 ORDER BY name LIMIT 1`, [
      org.id,
    ]);
    const framework = await one<{ id: string }>(`SELECT id FROM "Framework" WHERE "orgId" = $1 ORDER BY name LIMIT 1`, [org.id]);
    const owner = await one<{ id: string; email: string }>(
      `SELECT u.id, u.email FROM "ControlImplementation" i JOIN "User" u ON u.id = i."ownerId" WHERE i."orgId" = $1 GROUP BY u.id ORDER BY count(*) DESC, u.email LIMIT 1`,
      [org.id],
    );
    const archive = await one<{ orgId: string; systemId: string; snapshotId: string; controlId: string; bytes: string }>(
      `SELECT o.id AS "orgId", s."systemId", s.id AS "snapshotId",
         (SELECT id FROM "Control" WHERE "orgId" = o.id ORDER BY code LIMIT 1) AS "controlId",
         (SELECT sum(v.size) FROM "EvidenceVersion" v JOIN "Evidence" e ON e.id = v."evidenceId" WHERE v."orgId" = o.id AND e."reviewState" = 'ACCEPTED') AS bytes
       FROM "Organization" o JOIN "Snapshot" s ON s."orgId" = o.id WHERE o.slug = $1 LIMIT 1`,
      [gen.PACKAGE_ORG],
    );
    const importOrg = await one<{ id: string }>(`SELECT id FROM "Organization" WHERE slug = $1`, [gen.IMPORT_ORG]);
    const counts = await one<Record<string, string>>(
      `SELECT (SELECT count(*) FROM "Requirement" WHERE "orgId" = $1 AND kind <> 'group') AS requirements,
              (SELECT count(*) FROM "Control" WHERE "orgId" = $1) AS controls,
              (SELECT count(*) FROM "System" WHERE "orgId" = $1) AS systems,
              (SELECT count(*) FROM "Evidence" WHERE "orgId" = $1) AS evidence,
              (SELECT count(*) FROM "EvidenceVersion" WHERE "orgId" = $1) AS versions,
              (SELECT count(*) FROM "EvidenceControl" WHERE "orgId" = $1) AS links,
              (SELECT count(*) FROM "Membership" WHERE "orgId" = $1) AS users,
              (SELECT count(*) FROM "AuditEvent" WHERE "orgId" = $1) AS "auditEvents"`,
      [org.id],
    );
    log(
      `Dataset: ${Object.entries(counts)
        .map(([k, v]) => `${Number(v).toLocaleString('en')} ${k}`)
        .join(', ')}`,
    );

    const ownerSession = client(app, await signInSession(app.url, gen.BENCH_OWNER, gen.BENCH_PASSWORD));
    const editorSession = client(app, await signInSession(app.url, owner.email, gen.BENCH_PASSWORD));
    const params = { orgId: org.id, today: new Date(), ...freshnessConfig() };
    const rows: Row[] = [];
    const record = (row: Row) => {
      rows.push(row);
      log(
        `  median ${row.median} ms, p95 ${row.p95} ms${row.floor ? `, floor ${row.floor.median} ms (${row.ratio}×)` : ''}${row.extra ? `, ${row.extra}` : ''}`,
      );
    };
    const page = async (name: string, session: ReturnType<typeof client>, url: string, floor: () => Promise<unknown>) => {
      if (!wanted(name)) return;
      log(`${name}…`);
      const measured = await time(RUNS, () => session.get(url));
      const floorStats = await time(RUNS, floor);
      const ratio = round(measured.median / floorStats.median);
      record({
        name,
        ...measured,
        unit: 'ms',
        floor: floorStats,
        ratio,
        target: 'p95 ≤ 300 ms, ≤ 3× floor',
        met: measured.p95 <= 300 && ratio <= 3,
      });
    };
    const slug = gen.BENCH_ORG;
    await page('Control list, first page', ownerSession, `/${slug}/controls?system=${system.id}`, () =>
      floors.registerPageFloor(db, params, system.id),
    );
    await page(
      'Control list, filtered (shared, expired)',
      ownerSession,
      `/${slug}/controls?system=${system.id}&type=SHARED&evidence=EXPIRED`,
      () => floors.registerPageFloor(db, params, system.id, { type: 'SHARED', evidence: 'EXPIRED' }),
    );
    await page('System summary', ownerSession, `/${slug}/systems/${system.id}/summary`, () => floors.summaryFloor(db, params, system.id));
    await page('Framework coverage view', ownerSession, `/${slug}/frameworks/${framework.id}?system=${system.id}`, () =>
      floors.coverageFloor(db, params, system.id, framework.id),
    );
    await page('My controls', editorSession, `/${slug}/my-controls`, () => floors.myControlsFloor(db, params, owner.id));
    if (wanted('Overview (every system and framework)')) {
      // A full 90-day trend to read: today's figures as the daily job records them, copied to the 89 days before (bench data only).
      const { recordDailyReadiness } = await import('@/features/overview/readiness.data');
      await recordDailyReadiness(params.today);
      await db.query(
        `INSERT INTO "ReadinessDaily" (id, "orgId", "systemId", "frameworkId", day, implemented, applicable)
         SELECT gen_random_uuid(), r."orgId", r."systemId", r."frameworkId", r.day - n, r.implemented, r.applicable
         FROM "ReadinessDaily" r CROSS JOIN generate_series(1, 89) AS n
         WHERE r."orgId" = $1 AND r.day = $2::date
         ON CONFLICT DO NOTHING`,
        [org.id, params.today.toISOString().slice(0, 10)],
      );
    }
    await page('Overview (every system and framework)', ownerSession, `/${slug}`, () => floors.overviewFloor(db, params));

    // The global search (features/search): full-text over controls, requirements, evidence and
    // systems. No floor: the page is one query. A rare word, a common one, and one in every evidence item.
    const search = async (name: string, q: string) => {
      if (!wanted(name)) return;
      log(`${name}…`);
      const measured = await time(RUNS, () => ownerSession.get(`/${slug}/search?q=${encodeURIComponent(q)}`));
      const { hits } = await one<{ hits: number }>(
        `SELECT ((SELECT count(*) FROM "Control" WHERE "orgId" = $1 AND to_tsvector('english', code || ' ' || title || ' ' || family || ' ' || description || ' ' || "awsStatement" || ' ' || "customerStatement") @@ websearch_to_tsquery('english', $2))
          + (SELECT count(*) FROM "Requirement" WHERE "orgId" = $1 AND to_tsvector('english', label || ' ' || title || ' ' || statement) @@ websearch_to_tsquery('english', $2))
          + (SELECT count(*) FROM "Evidence" WHERE "orgId" = $1 AND to_tsvector('english', title || ' ' || description) @@ websearch_to_tsquery('english', $2)))::int AS hits`,
        [org.id, q],
      );
      record({
        name,
        ...measured,
        unit: 'ms',
        extra: `${hits.toLocaleString('en')} hits`,
        target: 'p95 ≤ 300 ms',
        met: measured.p95 <= 300,
      });
    };
    await search('Global search, a rare word', 'hypervisor');
    await search('Global search, a common word', 'access');
    await search('Global search, a word in every evidence item', 'generated');

    const download = async (name: string, url: string, limitMs: number, runs = Math.min(RUNS, 10)) => {
      if (!wanted(name)) return;
      log(`${name}…`);
      let bytes = 0;
      const measured = await time(runs, async () => (bytes = await ownerSession.get(url)));
      record({
        name,
        ...measured,
        unit: 'ms',
        extra: `${(bytes / 1024).toFixed(0)} KB`,
        target: `p95 ≤ ${limitMs / 1000} s`,
        met: measured.p95 <= limitMs,
      });
    };
    await download('Controls CSV export', `/${slug}/controls/export`, 1_000);
    await download('Summary PDF export', `/${slug}/systems/${system.id}/summary/pdf`, 3_000);
    await download('OSCAL SSP export', `/${slug}/systems/${system.id}/exports/ssp`, 3_000);

    // OSCAL uploads: the answer is one JSON event per line, the last one says how it ended.
    const uploadCatalog = async (session: Session, orgSlug: string, file: Blob, name: string) => {
      const answer = await session.post(`/${orgSlug}/frameworks/import?name=${encodeURIComponent(name)}`, file, {
        'content-type': 'application/json',
      });
      const last = JSON.parse(answer.trim().split('\n').at(-1)!) as { phase: string; message?: string };
      if (last.phase !== 'done') throw new Error(`Import failed: ${last.message ?? answer.slice(-300)}`);
    };
    const catalog = new Blob([await readFile(gen.NIST_CATALOG)]);
    const clearImportOrg = () => db.query(`DELETE FROM "Framework" WHERE "orgId" = $1`, [importOrg.id]);

    // The full catalog, first import into an empty organization (its framework removed before each run).
    if (wanted('OSCAL import, full catalog')) {
      log('OSCAL import of the full catalog…');
      const importOnce = (orgSlug: string) => uploadCatalog(ownerSession, orgSlug, catalog, path.basename(gen.NIST_CATALOG));
      const imports = await time(Math.min(RUNS, 5), () => importOnce(gen.IMPORT_ORG), {
        warmup: 1,
        before: clearImportOrg,
      });
      record({
        name: 'OSCAL import, full catalog (new)',
        ...imports,
        unit: 'ms',
        extra: `${(catalog.size / 1024 / 1024).toFixed(1)} MB`,
        target: 'p95 ≤ 5 s',
        met: imports.p95 <= 5_000,
      });
      const reimports = await time(3, () => importOnce(slug), { warmup: 0 });
      record({
        name: 'OSCAL import, full catalog (again, mapped org)',
        ...reimports,
        unit: 'ms',
        target: 'p95 ≤ 5 s',
        met: reimports.p95 <= 5_000,
      });
    }

    if (wanted('10 MB evidence upload')) {
      // 10 MB evidence uploads into the archive organization (drafts: the package holds accepted evidence only).
      log('10 MB evidence upload…');
      // A new file each time: the same bytes twice are refused as a duplicate.
      let file = new Blob();
      // The body is one line of JSON describing the file, then the file's bytes (features/evidence/upload.policy.ts).
      const newFile = async () => {
        const head = JSON.stringify({
          requestId: randomUUID(),
          metadata: {
            fileName: `bench-${randomUUID()}.pdf`,
            effectiveAt: new Date().toISOString().slice(0, 10),
            source: 'npm run bench',
            periodStart: '',
            periodEnd: '',
            notes: '',
            evidence: { title: 'Benchmark upload', description: '', systemId: archive.systemId, controlIds: [archive.controlId] },
          },
        });
        file = new Blob([`${head}\n`, Buffer.from('%PDF-1.4\n'), randomBytes(10 * 1024 * 1024 - 9)]);
      };
      const upload = () => ownerSession.post(`/${gen.PACKAGE_ORG}/evidence/upload`, file, { 'content-type': UPLOAD_CONTENT_TYPE });
      const uploadRuns = Math.min(RUNS, 10);
      const uploaded = await peakMemory(app.pid, () => time(uploadRuns, upload, { before: newFile }));
      record({
        name: '10 MB evidence upload',
        ...uploaded.result,
        unit: 'ms',
        extra: `${round(10 / (uploaded.result.median / 1000))} MB/s, peak RSS ${uploaded.peakMb} MB (+${uploaded.riseMb})`,
        target: 'reported',
        met: true,
      });
    }

    if (wanted('Evidence package')) {
      // On an instance of its own, started for it: the peak is the package's, not what earlier pages left in the heap.
      log(`Evidence package of ${(Number(archive.bytes) / 1024 / 1024).toFixed(0)} MB of files, on a fresh instance…`);
      const fresh = await startAppInstance(await freePort(), appEnv);
      try {
        const session = client(fresh, await signInSession(fresh.url, gen.BENCH_OWNER, gen.BENCH_PASSWORD));
        let packageBytes = 0;
        const packaged = await peakMemory(fresh.pid, () =>
          time(
            Math.min(RUNS, 3),
            async () =>
              (packageBytes = await session.get(`/${gen.PACKAGE_ORG}/systems/${archive.systemId}/snapshots/${archive.snapshotId}/package`)),
            { warmup: 0 },
          ),
        );
        record({
          name: 'Evidence package',
          ...packaged.result,
          unit: 'ms',
          extra: `${(packageBytes / 1024 / 1024).toFixed(0)} MB zip, ${round(packageBytes / 1024 / 1024 / (packaged.result.median / 1000))} MB/s, peak RSS ${packaged.peakMb} MB (+${packaged.riseMb})`,
          target: 'peak RSS ≤ 300 MB',
          met: packaged.peakMb <= 300,
        });
      } finally {
        await fresh.stop();
      }
    }

    // Large imports, each on an instance of its own (its memory is the import's), with the systems
    // list requested in a loop meanwhile: the server must keep answering everyone else.
    const importMeasure = async (
      name: string,
      measure: {
        size: string;
        warm: (s: Session) => Promise<unknown>;
        cleanup: () => Promise<unknown>;
        run: (s: Session) => Promise<unknown>;
        /** The import's time limit (p95), 10 s unless said. */
        limitMs?: number;
      },
    ) => {
      if (!wanted(name)) return;
      log(`${name}, on a fresh instance, with the systems list requested during it…`);
      const instance = await startAppInstance(await freePort(), appEnv);
      try {
        const session = client(instance, await signInSession(instance.url, gen.BENCH_OWNER, gen.BENCH_PASSWORD));
        const probe = () => session.get(`/${slug}/systems`);
        // The routes' code is loaded first, so the peak is the import's and not the first requests'.
        for (let i = 0; i < 5; i++) await probe();
        await measure.warm(session);
        const times: number[] = [];
        const during: number[] = [];
        let failed = 0;
        const memory = await peakMemory(instance.pid, async () => {
          for (let i = 0; i < Math.min(RUNS, 3); i++) {
            await measure.cleanup();
            const run = await whileProbing(() => measure.run(session), probe);
            times.push(run.ms);
            during.push(...run.probes);
            failed += run.failed;
          }
        });
        await measure.cleanup();
        const imported = stats(times);
        const pageStats = stats(during);
        record({
          name,
          ...imported,
          unit: 'ms',
          extra: `${measure.size}, peak RSS ${memory.peakMb} MB (+${memory.riseMb})`,
          target: `p95 ≤ ${(measure.limitMs ?? 10_000) / 1000} s, RSS rise ≤ 300 MB`,
          met: imported.p95 <= (measure.limitMs ?? 10_000) && memory.riseMb <= 300,
        });
        record({
          name: '  systems list during it',
          ...pageStats,
          unit: 'ms',
          extra: `${during.length} requests${failed ? `, ${failed} failed` : ''}, slowest ${round(Math.max(...during))} ms`,
          target: 'p95 ≤ 1 s, none failed',
          met: pageStats.p95 <= 1_000 && failed === 0,
        });
      } finally {
        await instance.stop();
      }
    };
    const uploadCsv = async (session: Session, file: Blob) => {
      const answer = JSON.parse(await session.post(`/${slug}/controls/import/upload`, file, { 'content-type': 'text/csv' })) as {
        ok: boolean;
        message?: string;
      };
      if (!answer.ok) throw new Error(`CSV import failed: ${answer.message}`);
    };
    if (wanted('Controls CSV import')) {
      const csv = new Blob([await benchControlsCsv(db, org.id)]);
      const clearCsvControls = () => db.query(`DELETE FROM "Control" WHERE "orgId" = $1 AND code LIKE $2`, [org.id, `${CSV_CODE_PREFIX}%`]);
      await importMeasure(`Controls CSV import, ${CSV_ROWS.toLocaleString('en')} new rows`, {
        size: `${(csv.size / 1024 / 1024).toFixed(1)} MB`,
        warm: async (session) => {
          await uploadCsv(session, new Blob([await benchControlsCsv(db, org.id, 10)]));
          await clearCsvControls();
        },
        cleanup: clearCsvControls,
        run: (session) => uploadCsv(session, csv),
      });
    }
    if (wanted('OSCAL import, 50 MB catalog')) {
      const file = await benchCatalog(gen.NIST_CATALOG, path.join(dataDir, 'catalog-50mb.json'));
      const large = new Blob([await readFile(file)]);
      await importMeasure('OSCAL import, 50 MB catalog', {
        size: `${(large.size / 1024 / 1024).toFixed(1)} MB`,
        warm: async (session) => {
          await uploadCatalog(session, gen.IMPORT_ORG, catalog, 'warm-up.json');
          await clearImportOrg();
        },
        cleanup: clearImportOrg,
        run: (session) => uploadCatalog(session, gen.IMPORT_ORG, large, path.basename(file)),
      });
    }

    // Security-tool findings through POST /api/v1/findings (the real ingest), on the audit-scale organization.
    if (wanted('Findings ingest')) {
      const { accounts } = await prepareFindingsOrg(db, org.id);
      const token = await findingsToken(db, org.id, gen.BENCH_OWNER);
      const ingest = async (session: Session, file: string) => {
        const answer = JSON.parse(
          await session.post(`/api/v1/findings?fileName=${encodeURIComponent(path.basename(file))}`, await openAsBlob(file), {
            authorization: `Bearer ${token}`,
            'content-type': 'application/json',
          }),
        ) as { findings?: number; duplicate?: boolean };
        if (!answer.findings || answer.duplicate) throw new Error(`Findings ingest failed: ${JSON.stringify(answer).slice(0, 300)}`);
      };
      const warmFile = await ocsfFindingsFile(dataDir, accounts, 100);
      const findingsMeasure = async (name: string, file: string) =>
        importMeasure(name, {
          size: `${((await openAsBlob(file)).size / 1024 / 1024).toFixed(0)} MB`,
          warm: async (session) => {
            await ingest(session, warmFile);
            await clearFindings(db, org.id);
          },
          cleanup: () => clearFindings(db, org.id),
          run: (session) => ingest(session, file),
          limitMs: 20_000,
        });
      await findingsMeasure(
        `Findings ingest, ${FINDINGS_COUNT.toLocaleString('en')} Prowler OCSF findings`,
        await ocsfFindingsFile(dataDir, accounts),
      );
      await findingsMeasure(
        `Findings ingest, ${REAL_SHAPED_COUNT.toLocaleString('en')} real-shaped Prowler findings`,
        await realShapedFindingsFile(dataDir, accounts),
      );
    }

    printTable(rows);
    const out = path.resolve(root, args.out);
    await mkdir(path.dirname(out), { recursive: true });
    const machine = {
      cpus: os.cpus().length,
      cpuModel: os.cpus()[0]?.model,
      memoryGb: Math.round(os.totalmem() / 2 ** 30),
      node: process.version,
    };
    await writeFile(
      out,
      JSON.stringify({ date: new Date().toISOString(), machine, runs: RUNS, dataset: counts, results: rows }, null, 2) + '\n',
    );
    log(`Results written to ${path.relative(root, out)}.`);
    if (rows.some((r) => !r.met)) process.exitCode = 1;
  } finally {
    await app?.stop();
    await db.end();
    await database.stop();
  }
}

function printTable(rows: Row[]) {
  const table = rows.map((r) => ({
    measure: r.name,
    median: `${r.median} ms`,
    p95: `${r.p95} ms`,
    floor: r.floor ? `${r.floor.median} ms` : '',
    ratio: r.ratio ? `${r.ratio}×` : '',
    notes: r.extra ?? '',
    target: r.target,
    met: r.met ? 'yes' : 'NO',
  }));
  const columns = Object.keys(table[0]!) as (keyof (typeof table)[number])[];
  const width = (c: (typeof columns)[number]) => Math.max(c.length, ...table.map((r) => r[c].length));
  const line = (cells: Record<string, string>) => columns.map((c) => cells[c]!.padEnd(width(c))).join(' | ');
  console.log(`\n${line(Object.fromEntries(columns.map((c) => [c, c])))}\n${columns.map((c) => '-'.repeat(width(c))).join('-|-')}`);
  for (const row of table) console.log(line(row));
  console.log('');
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
