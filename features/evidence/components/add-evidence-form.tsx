'use client';
import { zodResolver } from '@hookform/resolvers/zod';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { useForm, useWatch, type Resolver } from 'react-hook-form';
import { z } from 'zod';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Field } from '@/components/ui/field';
import { applyServerErrors } from '@/lib/form-errors';
import { useRequestId } from '@/lib/request-id';
import { createLinkEvidenceAction, createNoteEvidenceAction } from '../evidence.actions';
import { createLinkEvidenceSchema, createNoteEvidenceSchema, newEvidenceSchema, provenanceSchema } from '../evidence.schema';
import { ACCEPTED_FILES } from '../file-type.policy';
import { ProvenanceFields } from './provenance-fields';
import { uploadFile } from './upload-file';

type Kind = 'FILE' | 'LINK' | 'NOTE';
type Values = z.input<typeof newEvidenceSchema> & z.input<typeof provenanceSchema> & { kind: Kind; url: string; note: string };

const FIELDS = ['title', 'description', 'systemId', 'effectiveAt', 'source', 'periodStart', 'periodEnd', 'notes', 'url', 'note'] as const;
const fileSchema = z.intersection(newEvidenceSchema, provenanceSchema);

// The same schemas as the server, chosen by the kind of evidence being added.
const resolvers = {
  FILE: zodResolver(fileSchema),
  LINK: zodResolver(createLinkEvidenceSchema),
  NOTE: zodResolver(createNoteEvidenceSchema),
} as unknown as Record<Kind, Resolver<Values>>;
const resolver: Resolver<Values> = (values, context, options) => resolvers[values.kind](values, context, options);

export function AddEvidenceForm({
  orgSlug,
  controlId,
  systems,
  maxMb,
}: {
  orgSlug: string;
  controlId: string;
  systems: { id: string; name: string }[];
  maxMb: number;
}) {
  const router = useRouter();
  const request = useRequestId();
  const [file, setFile] = useState<File | null>(null);
  const [fileError, setFileError] = useState<string | null>(null);
  const [progress, setProgress] = useState<number | null>(null);
  const [message, setMessage] = useState<{ tone: 'error' | 'success'; text: string; evidenceId?: string } | null>(null);
  const form = useForm<Values>({
    resolver,
    defaultValues: {
      kind: 'FILE',
      title: '',
      description: '',
      systemId: '',
      controlIds: [controlId],
      effectiveAt: new Date().toISOString().slice(0, 10),
      source: '',
      periodStart: '',
      periodEnd: '',
      notes: '',
      url: '',
      note: '',
    },
  });
  const { errors, isSubmitting } = form.formState;
  const kind = useWatch({ control: form.control, name: 'kind' });

  const onSubmit = form.handleSubmit(async () => {
    setMessage(null);
    setFileError(null);
    // The raw values: each kind's schema keeps only its own fields in its output.
    const { kind, url, note, ...common } = form.getValues();
    let result;
    if (kind === 'FILE') {
      if (!file) return setFileError('Choose a file.');
      if (file.size > maxMb * 1024 * 1024) return setFileError(`The file is larger than the ${maxMb} MB limit.`);
      setProgress(0);
      const { title, description, systemId, controlIds, ...provenance } = common;
      result = await uploadFile(
        orgSlug,
        file,
        { ...provenance, fileName: file.name, evidence: { title, description, systemId, controlIds } },
        setProgress,
        request.current(),
      );
      setProgress(null);
      if (result.ok) result = { ok: true as const, data: { id: result.data.evidenceId } };
    } else {
      result =
        kind === 'LINK'
          ? await createLinkEvidenceAction(orgSlug, { ...common, url }, request.current())
          : await createNoteEvidenceAction(orgSlug, { ...common, note }, request.current());
    }
    if (!result.ok) {
      const existing = result.error.fieldErrors?.existingEvidenceId?.[0];
      if (result.error.fieldErrors?.file) setFileError(result.error.fieldErrors.file[0]!);
      const text = applyServerErrors(form.setError, result.error, FIELDS);
      if (text || existing)
        setMessage({ tone: 'error', text: existing ? result.error.message.replace(/ Link to .*$/, '') : text!, evidenceId: existing });
      return;
    }
    request.renew();
    form.reset();
    setFile(null);
    setMessage({ tone: 'success', text: 'Evidence added as a draft. Submit it for review from its page.', evidenceId: result.data.id });
    router.refresh();
  });

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4">
      {message && (
        <Alert tone={message.tone}>
          {message.text}{' '}
          {message.evidenceId && (
            <Link href={`/${orgSlug}/evidence/${message.evidenceId}`} className="font-medium underline">
              {message.tone === 'error' ? 'Open the existing evidence' : 'Open it'}
            </Link>
          )}
        </Alert>
      )}
      <fieldset className="flex flex-wrap gap-4 text-sm">
        <legend className="mb-1 text-sm font-medium text-slate-700">Kind</legend>
        {(
          [
            ['FILE', 'A file'],
            ['LINK', 'A link'],
            ['NOTE', 'A written attestation'],
          ] as const
        ).map(([value, label]) => (
          <label key={value} className="flex items-center gap-2">
            <input type="radio" value={value} {...form.register('kind')} />
            {label}
          </label>
        ))}
      </fieldset>
      <div className="grid gap-4 sm:grid-cols-2">
        <Field label="Title" error={errors.title?.message}>
          {(p) => <input {...p} {...form.register('title')} />}
        </Field>
        <Field label="System" error={errors.systemId?.message} hint="Leave as all systems when it proves the control everywhere.">
          {(p) => (
            <select {...p} {...form.register('systemId')}>
              <option value="">All systems</option>
              {systems.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.name}
                </option>
              ))}
            </select>
          )}
        </Field>
      </div>
      {kind === 'FILE' && (
        <Field label="File" error={fileError ?? undefined} hint={`${ACCEPTED_FILES}; up to ${maxMb} MB.`}>
          {(p) => <input {...p} type="file" onChange={(e) => setFile(e.target.files?.[0] ?? null)} />}
        </Field>
      )}
      {kind === 'LINK' && (
        <Field label="Address" error={errors.url?.message}>
          {(p) => <input {...p} type="url" placeholder="https://" {...form.register('url')} />}
        </Field>
      )}
      {kind === 'NOTE' && (
        <Field label="Attestation" error={errors.note?.message}>
          {(p) => <textarea {...p} rows={4} {...form.register('note')} />}
        </Field>
      )}
      <Field label="Description" error={errors.description?.message}>
        {(p) => <textarea {...p} rows={2} {...form.register('description')} />}
      </Field>
      <ProvenanceFields register={form.register} errors={errors} />
      {progress !== null && (
        <div>
          <progress className="w-full" max={1} value={progress} aria-label="Upload progress" />
          <p className="text-xs text-slate-500">Uploading… {Math.round(progress * 100)}%</p>
        </div>
      )}
      <Button type="submit" disabled={isSubmitting}>
        {isSubmitting ? 'Saving…' : 'Add evidence'}
      </Button>
    </form>
  );
}
