import Link from 'next/link';
import { Alert } from '@/components/ui/alert';
import { inputClass } from '@/components/ui/field';
import { PageHeader } from '@/components/ui/page-header';
import { Pagination } from '@/components/ui/pagination';
import type { SearchHit, SearchResults } from '../search.data';
import { SEARCH_KIND_LABELS, SEARCH_KINDS, type SearchKind } from '../search.schema';

function hrefOf(orgSlug: string, hit: SearchHit): string {
  switch (hit.kind) {
    case 'control':
      return `/${orgSlug}/controls/${hit.id}`;
    case 'requirement':
      return `/${orgSlug}/frameworks/${hit.parentId}/requirements/${hit.id}`;
    case 'evidence':
      return `/${orgSlug}/evidence/${hit.id}`;
    case 'system':
      return `/${orgSlug}/systems/${hit.id}`;
  }
}

const EVIDENCE_KINDS: Record<string, string> = {
  FILE: 'File',
  LINK: 'Link',
  NOTE: 'Attestation',
  PROVIDER_REPORT: 'AWS report',
  AUTOMATED: 'Automated result',
};

function searchHref(orgSlug: string, q: string, kind: SearchKind | null, page = 1) {
  const params = new URLSearchParams({ q });
  if (kind) params.set('kind', kind);
  if (page > 1) params.set('page', String(page));
  return `/${orgSlug}/search?${params}`;
}

function Hit({ orgSlug, hit }: { orgSlug: string; hit: SearchHit }) {
  const label = hit.kind === 'evidence' ? (EVIDENCE_KINDS[hit.label] ?? 'Evidence') : hit.kind === 'system' ? null : hit.label;
  return (
    <li className="px-4 py-3">
      <div className="flex flex-wrap items-baseline gap-x-2">
        <span className="rounded bg-slate-100 px-1.5 py-0.5 text-xs font-medium text-slate-600">{SEARCH_KIND_LABELS[hit.kind]}</span>
        {label && <span className="font-mono text-xs text-slate-500">{label}</span>}
        <Link href={hrefOf(orgSlug, hit)} className="font-medium text-brand-600 hover:underline">
          {hit.title}
        </Link>
        {hit.parentName && <span className="text-xs text-slate-500">in {hit.parentName}</span>}
        {hit.archived && <span className="text-xs text-slate-500">({hit.kind === 'requirement' ? 'withdrawn' : 'archived'})</span>}
      </div>
      {/* Each piece is text: React escapes it; matched words are set in <mark>. */}
      <p className="mt-1 text-sm text-slate-600">
        {hit.snippet.map((part, i) =>
          part.hit ? (
            <mark key={i} className="rounded bg-amber-100 px-0.5 text-slate-900">
              {part.text}
            </mark>
          ) : (
            <span key={i}>{part.text}</span>
          ),
        )}
      </p>
    </li>
  );
}

export function SearchResultsView({
  orgSlug,
  results,
  limitedToPeriod,
}: {
  orgSlug: string;
  results: SearchResults;
  limitedToPeriod: boolean;
}) {
  const { q, kind } = results;
  return (
    <>
      <PageHeader
        title="Search"
        description={`Searches the words of controls (code, title, statements), framework requirements, evidence (title and description) and systems of this organization. Words are matched in their English forms (“rotate” finds “rotation”); put a phrase in quotes, and a minus before a word to leave it out.${limitedToPeriod ? ' Evidence is limited to your audit period.' : ''}`}
      />
      <form action={`/${orgSlug}/search`} method="get" role="search" className="mb-4 flex flex-wrap items-end gap-3 text-sm">
        <div className="flex flex-col gap-1">
          <label htmlFor="search-page-q" className="font-medium text-slate-700">
            Search for
          </label>
          <input id="search-page-q" type="search" name="q" defaultValue={q} maxLength={200} className={`${inputClass} w-80`} />
        </div>
        <div className="flex flex-col gap-1">
          <label htmlFor="search-page-kind" className="font-medium text-slate-700">
            In
          </label>
          <select id="search-page-kind" name="kind" defaultValue={kind ?? ''} className={`${inputClass} w-auto`}>
            <option value="">Everything</option>
            {SEARCH_KINDS.map((k) => (
              <option key={k} value={k}>
                {SEARCH_KIND_LABELS[k]}s
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="rounded-md bg-brand-600 px-3.5 py-2 font-medium text-white hover:bg-brand-700">
          Search
        </button>
      </form>
      {!q ? (
        <Alert>Type a word or two above, or press “/” on any page to search from the header.</Alert>
      ) : results.total === 0 ? (
        <Alert>
          Nothing matches “{q}”{kind ? ` among ${SEARCH_KIND_LABELS[kind].toLowerCase()}s` : ''}. Try fewer words or another form of the
          word.
          {kind && (
            <>
              {' '}
              <Link href={searchHref(orgSlug, q, null)} className="font-medium text-brand-600 hover:underline">
                Search everything
              </Link>
            </>
          )}
        </Alert>
      ) : (
        <>
          <p className="mb-2 text-sm text-slate-600" aria-live="polite">
            {results.total.toLocaleString('en')} {results.total === 1 ? 'result' : 'results'} for “{q}”, best match first.
          </p>
          <ol aria-label="Search results" className="divide-y divide-slate-100 rounded-lg border border-slate-200 bg-white">
            {results.hits.map((hit) => (
              <Hit key={`${hit.kind}:${hit.id}`} orgSlug={orgSlug} hit={hit} />
            ))}
          </ol>
          <Pagination
            page={results.page}
            pageSize={results.pageSize}
            total={results.total}
            href={(page) => searchHref(orgSlug, q, kind, page)}
          />
        </>
      )}
    </>
  );
}
