import 'server-only';
import { prisma } from '@/lib/db';
import type { OrgContext } from '@/lib/auth/permissions';
import { MARK_END, MARK_START, snippetParts, type SnippetPart } from './search.policy';
import { SEARCH_PAGE_SIZE, type SearchKind, type SearchQuery } from './search.schema';

export type SearchHit = {
  kind: SearchKind;
  id: string;
  /** The framework of a requirement (for its address and its name). */
  parentId: string | null;
  parentName: string | null;
  /** Code, requirement label, evidence kind or system name. */
  label: string;
  title: string;
  archived: boolean;
  rank: number;
  snippet: SnippetPart[];
};

export type SearchResults = { q: string; kind: SearchKind | null; page: number; pageSize: number; total: number; hits: SearchHit[] };

type Row = Omit<SearchHit, 'snippet' | 'rank'> & { rank: number; snippet: string; total: number };

const HEADLINE = `StartSel=${MARK_START}, StopSel=${MARK_END}, MaxWords=30, MinWords=12, MaxFragments=2, FragmentDelimiter=" … "`;

/**
 * The organization's controls, framework requirements, evidence and systems matching a query
 * (PostgreSQL full-text search, English stemming, `websearch_to_tsquery` syntax: words, "a phrase",
 * -not, or), best first, one page at a time, each with a snippet whose matched words are marked.
 * Every branch is scoped by orgId. An auditor limited to an audit period finds only the evidence
 * they may open: provider reports, and items with a version true within the period.
 *
 * Each to_tsvector expression is written exactly as its GIN index in the migration
 * `20261214110000_register_columns`, so the planner can use the index.
 */
export async function searchOrganization(ctx: OrgContext, query: SearchQuery): Promise<SearchResults> {
  const empty = { q: query.q, kind: query.kind ?? null, page: 1, pageSize: SEARCH_PAGE_SIZE, total: 0, hits: [] };
  if (!query.q) return empty;
  const start = ctx.auditPeriod?.start ?? null;
  const end = ctx.auditPeriod?.end ?? null;
  const kind = query.kind ?? null;
  const run = (page: number) => prisma.$queryRaw<Row[]>`
    WITH q AS (SELECT websearch_to_tsquery('english'::regconfig, ${query.q}) AS query),
    hits AS (
      SELECT 'control' AS kind, c."id", NULL::uuid AS "parentId", NULL::text AS "parentName", c."code" AS label, c."title",
        c."archivedAt" IS NOT NULL AS archived,
        ts_rank(to_tsvector('english'::regconfig, c."code" || ' ' || c."title" || ' ' || c."family" || ' ' || c."description" || ' ' || c."awsStatement" || ' ' || c."customerStatement"), q.query) AS rank,
        c."title" || ' — ' || c."description" || ' ' || c."customerStatement" || ' ' || c."awsStatement" AS body
      FROM "Control" c, q
      WHERE c."orgId" = ${ctx.orgId}::uuid AND (${kind}::text IS NULL OR ${kind}::text = 'control')
        AND to_tsvector('english'::regconfig, c."code" || ' ' || c."title" || ' ' || c."family" || ' ' || c."description" || ' ' || c."awsStatement" || ' ' || c."customerStatement") @@ q.query
      UNION ALL
      SELECT 'requirement', r."id", r."frameworkId", f."name", r."label", r."title", r."withdrawn",
        ts_rank(to_tsvector('english'::regconfig, r."label" || ' ' || r."title" || ' ' || r."statement"), q.query),
        r."title" || ' — ' || r."statement"
      FROM "Requirement" r JOIN "Framework" f ON f."id" = r."frameworkId" AND f."orgId" = r."orgId", q
      WHERE r."orgId" = ${ctx.orgId}::uuid AND (${kind}::text IS NULL OR ${kind}::text = 'requirement')
        AND to_tsvector('english'::regconfig, r."label" || ' ' || r."title" || ' ' || r."statement") @@ q.query
      UNION ALL
      SELECT 'evidence', e."id", NULL, NULL, e."kind"::text, e."title", false,
        ts_rank(to_tsvector('english'::regconfig, e."title" || ' ' || e."description"), q.query),
        e."title" || ' — ' || e."description"
      FROM "Evidence" e, q
      WHERE e."orgId" = ${ctx.orgId}::uuid AND (${kind}::text IS NULL OR ${kind}::text = 'evidence')
        AND to_tsvector('english'::regconfig, e."title" || ' ' || e."description") @@ q.query
        AND (
          (${start}::date IS NULL AND ${end}::date IS NULL)
          OR e."kind" = 'PROVIDER_REPORT'
          OR EXISTS (
            SELECT 1 FROM "EvidenceVersion" v
            WHERE v."evidenceId" = e."id" AND v."orgId" = e."orgId"
              AND (${start}::date IS NULL OR v."effectiveAt" >= ${start}::date)
              AND (${end}::date IS NULL OR v."effectiveAt" <= ${end}::date)
          )
        )
      UNION ALL
      SELECT 'system', s."id", NULL, NULL, s."name", s."name", s."archivedAt" IS NOT NULL,
        ts_rank(to_tsvector('english'::regconfig, s."name" || ' ' || s."description"), q.query),
        s."name" || ' — ' || s."description"
      FROM "System" s, q
      WHERE s."orgId" = ${ctx.orgId}::uuid AND (${kind}::text IS NULL OR ${kind}::text = 'system')
        AND to_tsvector('english'::regconfig, s."name" || ' ' || s."description") @@ q.query
    ),
    page AS (
      SELECT *, count(*) OVER () AS total FROM hits
      ORDER BY rank DESC, kind, label, "id"
      LIMIT ${SEARCH_PAGE_SIZE} OFFSET ${(page - 1) * SEARCH_PAGE_SIZE}
    )
    SELECT page.kind, page."id", page."parentId", page."parentName", page.label, page.title, page.archived,
      page.rank::float8 AS rank, page.total::int AS total,
      ts_headline('english'::regconfig, page.body, q.query, ${HEADLINE}) AS snippet
    FROM page, q
    ORDER BY page.rank DESC, page.kind, page.label, page."id"`;
  let page = query.page;
  let rows = await run(page);
  // A page past the end (a stale link) shows the last page instead of nothing.
  if (rows.length === 0 && page > 1) {
    const [first] = await run(1);
    if (!first) return empty;
    page = Math.max(1, Math.ceil(first.total / SEARCH_PAGE_SIZE));
    rows = await run(page);
  }
  return {
    q: query.q,
    kind,
    page,
    pageSize: SEARCH_PAGE_SIZE,
    total: rows[0]?.total ?? 0,
    hits: rows.map(({ total: _total, snippet, ...hit }) => ({ ...hit, snippet: snippetParts(snippet) })),
  };
}
