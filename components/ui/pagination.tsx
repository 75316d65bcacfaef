import Link from 'next/link';

/** Previous / next links that keep the other query parameters. */
export function Pagination({
  page,
  pageSize,
  total,
  href,
}: {
  page: number;
  pageSize: number;
  total: number;
  href: (page: number) => string;
}) {
  const pages = Math.max(1, Math.ceil(total / pageSize));
  if (pages === 1) return null;
  return (
    <nav aria-label="Pagination" className="mt-4 flex items-center justify-between text-sm">
      <span className="text-slate-600">
        Page {page} of {pages} · {total.toLocaleString('en')} in all
      </span>
      <span className="flex gap-3">
        {page > 1 ? (
          <Link className="text-brand-600 hover:underline" href={href(page - 1)}>
            Previous
          </Link>
        ) : (
          <span className="text-slate-400">Previous</span>
        )}
        {page < pages ? (
          <Link className="text-brand-600 hover:underline" href={href(page + 1)}>
            Next
          </Link>
        ) : (
          <span className="text-slate-400">Next</span>
        )}
      </span>
    </nav>
  );
}
