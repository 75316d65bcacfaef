import { apiSystems } from '@/features/api/api.data';
import { pageQuerySchema } from '@/features/api/api.schema';
import { apiJson, apiRoute, parseQuery } from '@/lib/api';

export const GET = apiRoute({ name: 'apiListSystems', method: 'GET', path: '/api/v1/systems', scope: 'read' }, async ({ ctx }, request) =>
  apiJson(await apiSystems(ctx, await parseQuery(pageQuerySchema, request))),
);
