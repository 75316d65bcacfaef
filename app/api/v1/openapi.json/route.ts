import { openApiDocument } from '@/features/api/openapi';
import { publicApiRoute } from '@/lib/api';

/** Public: the document describes the API, and holds nothing of any organization. */
export const GET = publicApiRoute('apiOpenApi', async () => Response.json(openApiDocument()));
