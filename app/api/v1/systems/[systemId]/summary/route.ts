import { apiSystemSummary } from '@/features/api/api.data';
import { summaryQuerySchema } from '@/features/api/api.schema';
import { apiJson, apiRoute, parseQuery } from '@/lib/api';

export const GET = apiRoute<{ systemId: string }>(
  { name: 'apiGetSystemSummary', method: 'GET', path: '/api/v1/systems/{systemId}/summary', scope: 'read' },
  async ({ ctx }, request, { systemId }) => {
    const { frameworkId } = await parseQuery(summaryQuerySchema, request);
    return apiJson(await apiSystemSummary(ctx, systemId, frameworkId));
  },
);
