// The check FedRAMP would run on the system's SSP (NIST's schema and FedRAMP's rules), as text.
import { oscalSchemaDir } from '@/features/frameworks/oscal';
import { checkSsp, sspCheckReport } from '@/features/exports/ssp-check';
import { buildSsp } from '@/features/exports/ssp.data';
import { ANY_MEMBER } from '@/lib/action';
import { orgDownload } from '@/lib/download';

export const GET = orgDownload<{ org: string; systemId: string }>(
  { name: 'checkSsp', permission: ANY_MEMBER },
  async (ctx, { systemId }) => {
    const now = new Date();
    const { fileName, ssp } = await buildSsp(ctx, systemId, now);
    const report = sspCheckReport(fileName, checkSsp(ssp, { schemaDir: oscalSchemaDir(), today: now }));
    return {
      body: `${report.join('\n')}\n`,
      fileName: fileName.replace(/\.json$/, '-check.txt'),
      contentType: 'text/plain; charset=utf-8',
    };
  },
);
