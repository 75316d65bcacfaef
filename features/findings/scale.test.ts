import { createReadStream, createWriteStream, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { liveMemory } from '@/test/memory';
import { readFindings } from './parse';

const SAMPLE = path.resolve(import.meta.dirname, '../../../shared/data/findings/prowler-ocsf/prowler_example_output_aws.ocsf.json');
const DIR = mkdtempSync(path.join(tmpdir(), 'demarc-findings-scale-'));
const COUNT = 100_000;

afterAll(() => rmSync(DIR, { recursive: true, force: true }));

/** A JSON-OCSF file of COUNT findings, built from the real sample with varied ids, accounts and statuses. */
async function writeOcsf(file: string) {
  const [template] = JSON.parse(readFileSync(SAMPLE, 'utf8')) as Record<string, unknown>[];
  const out = createWriteStream(file);
  const write = async (text: string) => {
    if (!out.write(text)) await once(out, 'drain');
  };
  await write('[\n');
  for (let i = 0; i < COUNT; i++) {
    const account = String(100000000000 + (i % 50));
    const finding = {
      ...template,
      status_code: i % 3 === 0 ? 'PASS' : 'FAIL',
      status: i % 10 === 0 ? 'Suppressed' : 'New',
      finding_info: { ...(template!.finding_info as object), uid: `prowler-aws-check-${account}-eu-west-1-${i}` },
      cloud: { ...(template!.cloud as object), account: { uid: account, type: 'AWS Account' }, region: 'eu-west-1' },
      resources: [{ uid: `arn:aws:s3:::bucket-${i}`, type: 'AwsS3Bucket', region: 'eu-west-1' }],
    };
    await write((i ? ',\n' : '') + JSON.stringify(finding, null, 2));
  }
  await write('\n]\n');
  out.end();
  await once(out, 'finish');
}

describe('scale', () => {
  it(
    'streams 100,000 OCSF findings in bounded memory',
    async () => {
      const file = path.join(DIR, 'ocsf-100k.json');
      await writeOcsf(file);
      const size = statSync(file).size;
      const started = performance.now();
      const before = liveMemory();
      let peakHeap = before.heapUsed;
      let peakRss = before.rss;
      let n = 0;
      let failed = 0;
      let suppressed = 0;
      const { format, findings } = await readFindings(createReadStream(file));
      for await (const finding of findings) {
        n++;
        if (finding.status === 'FAILED') failed++;
        if (finding.suppressed) suppressed++;
        if (n % 1000 === 0) {
          const now = liveMemory();
          peakHeap = Math.max(peakHeap, now.heapUsed);
          peakRss = Math.max(peakRss, now.rss);
        }
      }
      const MB = 1024 * 1024;
      const growth = (peakHeap - before.heapUsed) / MB;
      console.log(
        `findings scale: ${n} findings, file ${(size / MB).toFixed(0)} MB, heap before ${(before.heapUsed / MB).toFixed(0)} MB, peak heap growth ${growth.toFixed(0)} MB, peak rss ${(peakRss / MB).toFixed(0)} MB, read in ${((performance.now() - started) / 1000).toFixed(1)} s`,
      );
      expect(format).toBe('prowler-ocsf');
      expect(n).toBe(COUNT);
      expect(failed).toBe(COUNT - Math.ceil(COUNT / 3));
      expect(suppressed).toBe(COUNT / 10);
      // Holding the file would take more than its size; streaming holds one finding at a time.
      expect(size).toBeGreaterThan(300 * MB);
      expect(growth).toBeLessThan(50);
    },
    15 * 60_000,
  );

  it('gives the event loop turns while it parses, even from memory', async () => {
    const finding = (i: number) =>
      JSON.stringify({
        SchemaVersion: '2018-10-08',
        Id: `f-${i}`,
        AwsAccountId: '111122223333',
        UpdatedAt: '2026-11-01T00:00:00Z',
        Compliance: { Status: 'FAILED' },
      });
    async function* chunks() {
      yield '{"Findings": [' + finding(0);
      for (let i = 1; i < 20_000; i++) yield ',' + finding(i);
      yield ']}';
    }
    let turns = 0;
    let running = true;
    const tick = () => {
      turns++;
      if (running) setImmediate(tick);
    };
    setImmediate(tick);
    const { findings } = await readFindings(chunks());
    let n = 0;
    for await (const _ of findings) n++;
    running = false;
    expect(n).toBe(20_000);
    // Without pauses, in-memory chunks would run to the end as one task and tick would not run.
    expect(turns).toBeGreaterThan(0);
  });
});
