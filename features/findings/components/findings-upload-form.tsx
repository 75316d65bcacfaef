'use client';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useId, useState } from 'react';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { inputClass } from '@/components/ui/field';
import type { IngestResult } from '../ingest.data';
import { uploadFindingsFile } from './upload-findings-file';

type Phase = { kind: 'idle' } | { kind: 'uploading'; fraction: number } | { kind: 'processing' };

const count = (n: number, one: string, many = `${one}s`) => `${n.toLocaleString('en')} ${n === 1 ? one : many}`;

/** What an ingest did, in words. */
function describeResult(fileName: string, r: IngestResult): string {
  if (r.duplicate) return `${fileName} was already ingested: nothing changed.`;
  return [
    `Ingested ${fileName}: ${count(r.findings, 'finding')}`,
    `${count(r.mapped, 'mapped finding')}, ${count(r.unmapped, 'unmapped finding')}`,
    `${count(r.failed, 'failing finding')}, ${count(r.resolved, 'failure')} resolved`,
    `${count(r.evidenceVersions, 'evidence version')} recorded.`,
  ].join(', ');
}

/**
 * Uploads one findings file with a progress bar (bytes sent), then "Processing…" while the server
 * reads, maps and records it; shows what it did, or the problem in words.
 */
export function FindingsUploadForm({ orgSlug, maxSize }: { orgSlug: string; maxSize: string }) {
  const router = useRouter();
  const id = useId();
  const [file, setFile] = useState<File | null>(null);
  const [phase, setPhase] = useState<Phase>({ kind: 'idle' });
  const [message, setMessage] = useState<{ tone: 'error' | 'success'; text: string; scanId?: string } | null>(null);
  const [fieldError, setFieldError] = useState<string | null>(null);
  const busy = phase.kind !== 'idle';

  const onSubmit = async (event: React.FormEvent) => {
    event.preventDefault();
    setMessage(null);
    if (!file) {
      setFieldError('Choose a findings file to upload.');
      return;
    }
    if (file.size === 0) {
      setFieldError('This file is empty. Choose a findings file to upload.');
      return;
    }
    setFieldError(null);
    setPhase({ kind: 'uploading', fraction: 0 });
    const result = await uploadFindingsFile(orgSlug, file, {
      onProgress: (fraction) => setPhase((p) => (p.kind === 'uploading' ? { kind: 'uploading', fraction } : p)),
      onSent: () => setPhase({ kind: 'processing' }),
    });
    setPhase({ kind: 'idle' });
    if (!result.ok) {
      setMessage({ tone: 'error', text: result.error.message });
      return;
    }
    setMessage({ tone: 'success', text: describeResult(file.name, result.data), scanId: result.data.scanId });
    router.refresh();
  };

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`} className="text-lg font-semibold">
        Upload a findings file
      </h2>
      {message && (
        <Alert tone={message.tone}>
          {message.text}
          {message.scanId && (
            <>
              {' '}
              <Link href={`/${orgSlug}/findings/${message.scanId}`} className="font-medium underline">
                See the scan
              </Link>
            </>
          )}
        </Alert>
      )}
      <div className="space-y-1">
        <label htmlFor={`${id}-file`} className="block text-sm font-medium text-slate-700">
          Findings file
        </label>
        <input
          id={`${id}-file`}
          type="file"
          accept=".json,.jsonl,.ndjson,.csv,application/json,text/csv"
          disabled={busy}
          aria-invalid={Boolean(fieldError)}
          aria-describedby={`${id}-hint${fieldError ? ` ${id}-error` : ''}`}
          className={inputClass}
          onChange={(e) => {
            setFile(e.target.files?.[0] ?? null);
            setFieldError(null);
          }}
        />
        <p id={`${id}-hint`} className="text-xs text-slate-500">
          Up to {maxSize}. The format is recognised from the file’s content; the same file uploaded twice changes nothing.
        </p>
        {fieldError && (
          <p id={`${id}-error`} className="text-sm text-red-700">
            {fieldError}
          </p>
        )}
      </div>
      {phase.kind !== 'idle' && (
        <div className="space-y-1" aria-live="polite">
          <progress
            className="w-full"
            max={1}
            value={phase.kind === 'uploading' ? phase.fraction : undefined}
            aria-label={phase.kind === 'uploading' ? 'Upload progress' : 'Processing'}
          />
          <p className="text-xs text-slate-500">
            {phase.kind === 'uploading'
              ? `Uploading… ${Math.round(phase.fraction * 100)}%`
              : 'Processing… the findings are being read, mapped to controls and systems, and recorded.'}
          </p>
        </div>
      )}
      <Button type="submit" disabled={busy}>
        {busy ? 'Uploading…' : 'Upload findings'}
      </Button>
    </form>
  );
}
