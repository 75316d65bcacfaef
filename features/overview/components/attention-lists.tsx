import Link from 'next/link';
import type { Overview } from '../overview.data';

type Props = { orgSlug: string; overview: Overview };

const day = (d: Date) => d.toISOString().slice(0, 10);

function Panel({
  id,
  title,
  total,
  explanation,
  children,
}: {
  id: string;
  title: string;
  total: number;
  explanation: string;
  children: React.ReactNode;
}) {
  return (
    <section aria-labelledby={id} className="rounded-lg border border-slate-200 bg-white p-5">
      <h2 id={id} className="text-base font-semibold">
        {title} ({total})
      </h2>
      <p className="mt-1 text-xs text-slate-500">{explanation}</p>
      <div className="mt-3 text-sm">{children}</div>
    </section>
  );
}

const more = (shown: number, total: number) =>
  total > shown ? <p className="mt-2 text-xs text-slate-500">and {total - shown} more</p> : null;

function Expiring({ orgSlug, overview }: Props) {
  const { expiring, expiringWindowDays } = overview;
  return (
    <Panel
      id="expiring-heading"
      title={`Expiring in the next ${expiringWindowDays} days`}
      total={expiring.total}
      explanation="Your evidence, or the AWS report covering a control, whose validity ends soon, soonest first."
    >
      {expiring.total === 0 ? (
        <p className="text-slate-600">Nothing expires in the next {expiringWindowDays} days.</p>
      ) : (
        <ul className="space-y-2">
          {expiring.items.map((item) => (
            <li key={`${item.systemId}:${item.controlId}:${item.half}`}>
              <Link href={`/${orgSlug}/controls/${item.controlId}?system=${item.systemId}`} className="text-brand-600 hover:underline">
                <span className="font-mono text-xs">{item.code}</span> {item.title}
              </Link>
              <p className="text-xs text-slate-600">
                {item.systemName} · {item.half === 'aws' ? 'AWS report' : 'your evidence'} valid until {item.validUntil}
                {item.half === 'customer' && ` · owner: ${item.owner ?? 'none'}`}
              </p>
            </li>
          ))}
        </ul>
      )}
      {more(expiring.items.length, expiring.total)}
    </Panel>
  );
}

function ReviewQueue({ orgSlug, overview }: Props) {
  const { reviewQueue } = overview;
  return (
    <Panel
      id="review-heading"
      title="Review queue"
      total={reviewQueue.total}
      explanation="Evidence submitted and awaiting an owner's, admin's or auditor's review, latest first."
    >
      {reviewQueue.total === 0 ? (
        <p className="text-slate-600">No evidence awaits review.</p>
      ) : (
        <ul className="space-y-2">
          {reviewQueue.items.map((e) => (
            <li key={e.id}>
              <Link href={`/${orgSlug}/evidence/${e.id}`} className="text-brand-600 hover:underline">
                {e.title}
              </Link>
              <p className="text-xs text-slate-600">
                {e.system ?? 'Every system'} · submitted, last changed {day(e.updatedAt)}
              </p>
            </li>
          ))}
        </ul>
      )}
      {reviewQueue.total > 0 && (
        <Link href={`/${orgSlug}/evidence?state=SUBMITTED`} className="mt-2 inline-block text-xs text-brand-600 hover:underline">
          Open the whole queue
        </Link>
      )}
    </Panel>
  );
}

function Owners({ overview }: Props) {
  const { owners } = overview;
  return (
    <Panel
      id="owners-heading"
      title="Owners with the most open items"
      total={owners.total}
      explanation="An open item is a customer half someone owns that is not ready yet (it is in the summary's gaps), across every system."
    >
      {owners.total === 0 ? (
        <p className="text-slate-600">No owner has an open item.</p>
      ) : (
        <ol className="space-y-2">
          {owners.items.map((o) => (
            <li key={o.ownerId}>
              <span className="font-medium">{o.name}</span>: {o.open} open of {o.owned} owned
              <p className="text-xs text-slate-600">{o.reasons.map((r) => `${r.reason} (${r.count})`).join(' · ')}</p>
            </li>
          ))}
        </ol>
      )}
      {more(owners.items.length, owners.total)}
      {owners.unowned > 0 && (
        <p className="mt-2 text-xs text-slate-600">
          {owners.unowned} customer {owners.unowned === 1 ? 'half has' : 'halves have'} no owner.
        </p>
      )}
    </Panel>
  );
}

/** What needs doing next: expiring evidence, the review queue, and who holds the most open items. */
export function AttentionLists(props: Props) {
  return (
    <div className="grid gap-4 lg:grid-cols-3">
      <Expiring {...props} />
      <ReviewQueue {...props} />
      <Owners {...props} />
    </div>
  );
}
