import { z } from 'zod';

/** What the global search looks through. */
export const SEARCH_KINDS = ['control', 'requirement', 'evidence', 'system'] as const;
export type SearchKind = (typeof SEARCH_KINDS)[number];

export const SEARCH_KIND_LABELS: Record<SearchKind, string> = {
  control: 'Control',
  requirement: 'Requirement',
  evidence: 'Evidence',
  system: 'System',
};

export const SEARCH_PAGE_SIZE = 20;

/** The search page's query string (`/[org]/search?q=…&kind=…&page=…`), shared by the header box and the page. */
export const searchQuerySchema = z.object({
  q: z.string().trim().max(200, 'Search for at most 200 characters.').default(''),
  kind: z.enum(SEARCH_KINDS).optional(),
  page: z.coerce.number().int().min(1).max(500).default(1),
});
export type SearchQuery = z.output<typeof searchQuerySchema>;

const one = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value) || undefined;

/** Reads the query string leniently: a part that does not fit the schema falls back to its default. */
export function parseSearchQuery(params: Record<string, string | string[] | undefined>): SearchQuery {
  const q = searchQuerySchema.shape.q.safeParse(one(params.q) ?? '');
  const kind = searchQuerySchema.shape.kind.safeParse(one(params.kind));
  const page = searchQuerySchema.shape.page.safeParse(one(params.page) ?? 1);
  return {
    q: q.success ? q.data : (one(params.q) ?? '').trim().slice(0, 200),
    kind: kind.success ? kind.data : undefined,
    page: page.success ? page.data : 1,
  };
}
