'use client';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useId, useRef, useState } from 'react';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { MAX_OSCAL_BYTES } from '../frameworks.schema';

type ImportEvent =
  | { phase: 'validating' }
  | { phase: 'importing'; done: number; total: number }
  | {
      phase: 'done';
      frameworkId: string;
      name: string;
      version: string;
      created: number;
      updated: number;
      markedWithdrawn: number;
      linked: number;
      total: number;
      validation: 'schema' | 'structural';
    }
  | { phase: 'error'; message: string };

type State = { phase: 'idle' } | { phase: 'uploading' } | ImportEvent;

/** Reads the route's newline-delimited JSON events as they arrive. */
async function* events(response: Response): AsyncGenerator<ImportEvent> {
  const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
  let buffered = '';
  for (let part = await reader.read(); !part.done; part = await reader.read()) {
    buffered += part.value;
    const lines = buffered.split('\n');
    buffered = lines.pop()!;
    for (const line of lines) if (line.trim()) yield JSON.parse(line) as ImportEvent;
  }
  if (buffered.trim()) yield JSON.parse(buffered) as ImportEvent;
}

function summary(e: Extract<ImportEvent, { phase: 'done' }>) {
  const parts = [`${e.created} new`, `${e.updated} updated`];
  if (e.markedWithdrawn) parts.push(`${e.markedWithdrawn} no longer in the file, marked withdrawn`);
  if (e.linked) parts.push(`${e.linked} controls linked by their NIST ids`);
  return `Imported “${e.name}” ${e.version}: ${e.total} requirements (${parts.join(', ')}).`;
}

/** Uploads an OSCAL catalog to the import route and shows its progress. */
export function ImportCatalog({ orgSlug }: { orgSlug: string }) {
  const router = useRouter();
  const input = useRef<HTMLInputElement>(null);
  const [baseline, setBaseline] = useState(false);
  const [changeKind, setChangeKind] = useState(false);
  const [state, setState] = useState<State>({ phase: 'idle' });
  const fileId = useId();
  const busy = state.phase === 'uploading' || state.phase === 'validating' || state.phase === 'importing';

  const upload = async (event: React.FormEvent) => {
    event.preventDefault();
    const file = input.current?.files?.[0];
    if (!file) return setState({ phase: 'error', message: 'Choose an OSCAL JSON file first.' });
    if (file.size > MAX_OSCAL_BYTES) return setState({ phase: 'error', message: 'The file is larger than 50 MB.' });
    setState({ phase: 'uploading' });
    try {
      const query = new URLSearchParams({
        name: file.name,
        ...(baseline ? { baseline: '1' } : {}),
        ...(changeKind ? { changeKind: '1' } : {}),
      });
      const response = await fetch(`/${orgSlug}/frameworks/import?${query}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: file,
      });
      if (!response.body) throw new Error('no response body');
      for await (const e of events(response)) setState(e);
      router.refresh();
    } catch {
      setState({ phase: 'error', message: 'The upload did not finish. Check your connection and try again.' });
    }
  };

  const percent = state.phase === 'importing' ? Math.round((state.done / state.total) * 100) : state.phase === 'done' ? 100 : 0;
  return (
    <form onSubmit={upload} className="space-y-3" aria-busy={busy}>
      <div className="space-y-1">
        <label htmlFor={fileId} className="block text-sm font-medium text-slate-700">
          OSCAL catalog (JSON)
        </label>
        <input ref={input} id={fileId} type="file" accept=".json,application/json" className="block text-sm" disabled={busy} />
        <p className="text-xs text-slate-500">
          A catalog or a resolved-profile catalog (a baseline), up to 50 MB. Importing the same catalog again updates it in place.
        </p>
      </div>
      <label className="flex items-center gap-2 text-sm">
        <input type="checkbox" checked={baseline} onChange={(e) => setBaseline(e.target.checked)} disabled={busy} />
        Import as a baseline (resolved profiles are recognized on their own; tick this for one that does not say so)
      </label>
      <label className="flex items-center gap-2 text-sm">
        <input type="checkbox" checked={changeKind} onChange={(e) => setChangeKind(e.target.checked)} disabled={busy} />
        Allow this import to change the framework’s kind (catalog ↔ baseline); without it such an import is refused
      </label>
      <Button type="submit" disabled={busy}>
        {busy ? 'Importing…' : 'Import catalog'}
      </Button>
      {state.phase !== 'idle' && state.phase !== 'error' && (
        <div className="space-y-1">
          <div
            role="progressbar"
            aria-label="Import progress"
            aria-valuemin={0}
            aria-valuemax={100}
            aria-valuenow={state.phase === 'importing' || state.phase === 'done' ? percent : undefined}
            className="h-2 overflow-hidden rounded-full bg-slate-200"
          >
            <div
              className={`h-full bg-brand-600 transition-all ${state.phase === 'uploading' || state.phase === 'validating' ? 'w-1/12 animate-pulse' : ''}`}
              style={percent ? { width: `${percent}%` } : undefined}
            />
          </div>
          <p className="text-xs text-slate-600" aria-live="polite">
            {state.phase === 'uploading' && 'Uploading…'}
            {state.phase === 'validating' && 'Checking the file against the OSCAL catalog schema…'}
            {state.phase === 'importing' &&
              `Importing requirements: ${state.done.toLocaleString('en')} of ${state.total.toLocaleString('en')}`}
          </p>
        </div>
      )}
      {state.phase === 'error' && <Alert tone="error">{state.message}</Alert>}
      {state.phase === 'done' && (
        <Alert tone="success">
          {summary(state)}{' '}
          {state.validation === 'structural' && 'The OSCAL schema was not available, so the file was checked for structure only. '}
          <Link href={`/${orgSlug}/frameworks/${state.frameworkId}`} className="font-medium underline">
            Open it
          </Link>
        </Alert>
      )}
    </form>
  );
}
