'use client';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useState, useTransition } from 'react';
import { ConfirmButton } from '@/components/ui/confirm-dialog';
import { Table } from '@/components/ui/table';
import { deleteCheckMappingAction } from '../check-mappings.actions';

export type CheckMappingView = {
  id: string;
  checkId: string;
  control: { id: string; code: string; title: string; archived: boolean };
};

/** The check → control table; a Remove button (with confirmation) for those who may change it. */
export function CheckMappingTable({ orgSlug, rows, canEdit }: { orgSlug: string; rows: CheckMappingView[]; canEdit: boolean }) {
  return (
    <Table caption="Check → control mappings" columns={['Check id', 'Control', ...(canEdit ? [''] : [])]}>
      {rows.map((row) => (
        <tr key={row.id}>
          <td className="px-4 py-3 font-mono text-xs">{row.checkId}</td>
          <td className="px-4 py-3">
            <Link href={`/${orgSlug}/controls/${row.control.id}`} className="text-brand-600 hover:underline">
              <span className="font-mono text-xs">{row.control.code}</span> {row.control.title}
            </Link>
            {row.control.archived && <span className="ml-2 text-xs text-slate-500">(archived: checks no longer land on it)</span>}
          </td>
          {canEdit && (
            <td className="px-4 py-3 text-right">
              <RemoveCheckMappingButton orgSlug={orgSlug} row={row} />
            </td>
          )}
        </tr>
      ))}
    </Table>
  );
}

function RemoveCheckMappingButton({ orgSlug, row }: { orgSlug: string; row: CheckMappingView }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  return (
    <>
      <ConfirmButton
        label="Remove"
        disabled={pending}
        title={`Remove ${row.checkId} → ${row.control.code}?`}
        message={`Findings of check ${row.checkId} no longer land on ${row.control.code} in later scans (they may still reach it through their requirement ids). Failures already recorded stay until a scan resolves them. Loading the starter library again does not bring it back; adding it here does.`}
        confirmLabel="Remove mapping"
        onConfirm={() =>
          startTransition(async () => {
            setError(null);
            const result = await deleteCheckMappingAction(orgSlug, { id: row.id });
            if (!result.ok) setError(result.error.message);
            else router.refresh();
          })
        }
      />
      {error && (
        <p role="alert" className="mt-1 text-sm text-red-700">
          {error}
        </p>
      )}
    </>
  );
}
