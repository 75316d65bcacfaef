import { apiAddEvidence } from '@/features/api/api.data';
import { evidenceBodySchema } from '@/features/api/api.schema';
import { getControl } from '@/features/controls/controls.data';
import { parseInput } from '@/lib/action';
import { apiJson, apiRoute, readJson } from '@/lib/api';

export const POST = apiRoute<{ controlId: string }>(
  { name: 'apiAddControlEvidence', method: 'POST', path: '/api/v1/controls/{controlId}/evidence', scope: 'evidence:write' },
  async ({ ctx }, request, { controlId }) => {
    // Another organization's control is a 404 whatever the body.
    await getControl(ctx, controlId);
    const body = await parseInput(evidenceBodySchema, await readJson(request));
    return apiJson(await apiAddEvidence(ctx, controlId, body), 201);
  },
);
