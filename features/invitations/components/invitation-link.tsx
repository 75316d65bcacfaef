'use client';
import { useRef, useState } from 'react';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { inputClass } from '@/components/ui/field';
import { ROLE_LABELS, type Role } from '@/lib/auth/permissions';

/** The new invitation's link, shown this once: only its hash is kept, so it cannot be shown again. */
export function InvitationLink({ email, role, path }: { email: string; role: Role; path: string }) {
  const input = useRef<HTMLInputElement>(null);
  const [copied, setCopied] = useState<string | null>(null);
  const url = typeof window === 'undefined' ? path : `${window.location.origin}${path}`;

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(url);
      setCopied('Copied.');
    } catch {
      // Clipboard access can be refused (permissions, plain http): leave the link selected instead.
      input.current?.select();
      setCopied('Selected: copy it with Ctrl+C or ⌘C.');
    }
  };

  return (
    <div className="space-y-3 rounded-md border border-green-200 bg-green-50 p-4">
      <Alert tone="success">
        Invitation created for {email} as {ROLE_LABELS[role]}.
      </Alert>
      <div className="space-y-1">
        <label htmlFor="invitation-link" className="block text-sm font-medium text-slate-700">
          Invitation link
        </label>
        <div className="flex gap-2">
          <input
            ref={input}
            id="invitation-link"
            readOnly
            value={url}
            className={`${inputClass} font-mono text-xs`}
            onFocus={(e) => e.currentTarget.select()}
          />
          <Button variant="secondary" onClick={copy}>
            Copy link
          </Button>
        </div>
        {copied && <p className="text-xs text-slate-600">{copied}</p>}
      </div>
      <p className="text-sm text-slate-700">
        Pass this link on to them yourself. It is shown only now, works once, and expires in 7 days; anyone who has it can accept for{' '}
        {email}, so send it only to them.
      </p>
    </div>
  );
}
