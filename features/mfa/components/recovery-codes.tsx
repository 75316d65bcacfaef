'use client';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';

/** The ten recovery codes, shown once: Demarc keeps only their hashes. */
export function RecoveryCodes({ codes, onDone }: { codes: string[]; onDone: () => void }) {
  return (
    <div className="space-y-3">
      <Alert tone="success">
        Two-factor authentication is on. Your other sessions have ended. Save these recovery codes now: each signs you in once without your
        app, and they will not be shown again.
      </Alert>
      <ol aria-label="Recovery codes" className="grid max-w-sm grid-cols-2 gap-2 rounded-md bg-slate-50 p-4 font-mono text-sm">
        {codes.map((code) => (
          <li key={code} data-testid="recovery-code">
            {code}
          </li>
        ))}
      </ol>
      <Button variant="secondary" onClick={onDone}>
        I have saved them
      </Button>
    </div>
  );
}
