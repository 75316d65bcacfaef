import { Table } from '@/components/ui/table';
import type { ApiTokenRow } from '../api-tokens.data';
import { TOKEN_STATE_LABELS } from '../api-tokens.policy';
import { RevokeApiTokenButton } from './revoke-api-token-button';

const when = (d: Date | null) => (d ? `${d.toISOString().slice(0, 16).replace('T', ' ')} UTC` : 'Never');

/** The organization's tokens: never the token itself, which was shown once. */
export function ApiTokenList({ orgSlug, tokens }: { orgSlug: string; tokens: ApiTokenRow[] }) {
  if (tokens.length === 0) {
    return (
      <p className="rounded-md border border-dashed border-slate-300 p-4 text-sm text-slate-600">No API tokens yet. Create one below.</p>
    );
  }
  return (
    <Table caption="API tokens" columns={['Name', 'Scopes', 'Created', 'Expires', 'Last used', 'State', '']}>
      {tokens.map((t) => (
        <tr key={t.id}>
          <td className="px-4 py-3 font-medium">{t.name}</td>
          <td className="px-4 py-3">
            {t.scopes.map((s) => (
              <code key={s} className="mr-1 text-xs">
                {s}
              </code>
            ))}
          </td>
          <td className="px-4 py-3 text-sm">
            {when(t.createdAt)}
            <span className="block text-xs text-slate-600">by {t.createdBy.name}</span>
          </td>
          <td className="whitespace-nowrap px-4 py-3 tabular-nums">{when(t.expiresAt)}</td>
          <td className="whitespace-nowrap px-4 py-3 tabular-nums">{when(t.lastUsedAt)}</td>
          <td className="px-4 py-3">{TOKEN_STATE_LABELS[t.state]}</td>
          <td className="px-4 py-3 text-right">
            {t.state !== 'revoked' && <RevokeApiTokenButton orgSlug={orgSlug} tokenId={t.id} name={t.name} version={t.version} />}
          </td>
        </tr>
      ))}
    </Table>
  );
}
