import { apiSystemControls } from '@/features/api/api.data';
import { pageQuerySchema } from '@/features/api/api.schema';
import { apiJson, apiRoute, parseQuery } from '@/lib/api';

export const GET = apiRoute<{ systemId: string }>(
  { name: 'apiListSystemControls', method: 'GET', path: '/api/v1/systems/{systemId}/controls', scope: 'read' },
  async ({ ctx }, request, { systemId }) => apiJson(await apiSystemControls(ctx, systemId, await parseQuery(pageQuerySchema, request))),
);
