import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { createMember, createOrganization } from '@/test/factories';

const run = promisify(execFile);

/** Runs `npm run audit:verify`'s command against this file's database. */
async function auditVerify() {
  try {
    const { stdout } = await run(process.execPath, ['--conditions=react-server', '--import', 'tsx', 'scripts/audit-verify.ts'], {
      env: { ...process.env },
    });
    return { code: 0, stdout };
  } catch (error) {
    const { code, stdout } = error as { code: number; stdout: string };
    return { code, stdout };
  }
}

describe('npm run audit:verify', () => {
  it('passes on an intact log and fails, naming the event, after a row is edited by hand', async () => {
    const { ctx } = await createOrganization();
    await createMember(ctx, 'EDITOR');

    const intact = await auditVerify();
    expect(intact.code).toBe(0);
    expect(intact.stdout).toContain(`ok      chain ${ctx.orgId}: 5 events verified`);

    const sql = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await sql.connect();
    await sql.query('ALTER TABLE "AuditEvent" DISABLE TRIGGER USER');
    await sql.query(`UPDATE "AuditEvent" SET "actorEmail" = 'someone-else@example.test' WHERE chain = $1 AND seq = 2`, [ctx.orgId]);
    await sql.query('ALTER TABLE "AuditEvent" ENABLE TRIGGER USER');
    await sql.end();

    const broken = await auditVerify();
    expect(broken.code).toBe(1);
    expect(broken.stdout).toMatch(new RegExp(`BROKEN  chain ${ctx.orgId}: event #2 .*was changed`));
  });
});
