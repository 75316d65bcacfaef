import { problem, publicApiRoute } from '@/lib/api';

// Any other address under /api/v1: a 404 problem, whatever the method and whether or not a token is sent.
const notFound = publicApiRoute('apiNotFound', async (request: Request) =>
  problem({ code: 'NOT_FOUND', message: 'There is no such endpoint. See /api/v1/openapi.json.' }, new URL(request.url).pathname),
);

export const GET = notFound;
export const POST = notFound;
export const PUT = notFound;
export const PATCH = notFound;
export const DELETE = notFound;
