'use client';
import { zodResolver } from '@hookform/resolvers/zod';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { z } from 'zod';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Field } from '@/components/ui/field';
import { applyServerErrors } from '@/lib/form-errors';
import { useRequestId } from '@/lib/request-id';
import { addLinkVersionAction, addNoteVersionAction } from '../evidence.actions';
import { provenanceSchema } from '../evidence.schema';
import { ACCEPTED_FILES } from '../file-type.policy';
import { ProvenanceFields } from './provenance-fields';
import { uploadFile } from './upload-file';

// The URL or attestation is checked by the server's schema; its error lands on `content`.
const versionFormSchema = z.intersection(provenanceSchema, z.object({ content: z.string() }));
type Values = z.input<typeof versionFormSchema>;
const FIELDS = ['effectiveAt', 'source', 'periodStart', 'periodEnd', 'notes', 'content'] as const;

/** A new version: a file (files and provider reports' private copies), a link or an attestation. */
export function AddVersionForm({
  orgSlug,
  evidenceId,
  kind,
  maxMb,
}: {
  orgSlug: string;
  evidenceId: string;
  kind: 'FILE' | 'LINK' | 'NOTE' | 'PROVIDER_REPORT';
  maxMb: number;
}) {
  const router = useRouter();
  const request = useRequestId();
  const [file, setFile] = useState<File | null>(null);
  const [message, setMessage] = useState<{ tone: 'error' | 'success'; text: string } | null>(null);
  const [progress, setProgress] = useState<number | null>(null);
  const form = useForm<Values, unknown, z.output<typeof versionFormSchema>>({
    resolver: zodResolver(versionFormSchema),
    defaultValues: {
      effectiveAt: new Date().toISOString().slice(0, 10),
      source: '',
      periodStart: '',
      periodEnd: '',
      notes: '',
      content: '',
    },
  });
  const { errors, isSubmitting } = form.formState;
  const takesFile = kind === 'FILE' || kind === 'PROVIDER_REPORT';

  const onSubmit = form.handleSubmit(async ({ content, ...provenance }) => {
    setMessage(null);
    let result;
    if (takesFile) {
      if (!file) return setMessage({ tone: 'error', text: 'Choose a file.' });
      setProgress(0);
      result = await uploadFile(orgSlug, file, { ...provenance, fileName: file.name, evidenceId }, setProgress, request.current());
      setProgress(null);
    } else if (kind === 'LINK') {
      result = await addLinkVersionAction(orgSlug, { ...provenance, evidenceId, url: content }, request.current());
    } else {
      result = await addNoteVersionAction(orgSlug, { ...provenance, evidenceId, note: content }, request.current());
    }
    if (!result.ok) {
      const { url, note, ...rest } = result.error.fieldErrors ?? {};
      const text = applyServerErrors(
        form.setError,
        { ...result.error, fieldErrors: { ...rest, ...((url ?? note) ? { content: url ?? note! } : {}) } },
        FIELDS,
      );
      if (text) setMessage({ tone: 'error', text });
      return;
    }
    request.renew();
    form.reset();
    setFile(null);
    setMessage({
      tone: 'success',
      text:
        kind === 'PROVIDER_REPORT'
          ? 'Version added. The report is back in review and covers nothing until a reviewer accepts it.'
          : 'Version added. It is a draft again until it is reviewed.',
    });
    router.refresh();
  });

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4">
      {message && <Alert tone={message.tone}>{message.text}</Alert>}
      {takesFile ? (
        <Field label="File" hint={`${ACCEPTED_FILES}; up to ${maxMb} MB.`}>
          {(p) => <input {...p} type="file" onChange={(e) => setFile(e.target.files?.[0] ?? null)} />}
        </Field>
      ) : (
        <Field label={kind === 'LINK' ? 'Address' : 'Attestation'} error={errors.content?.message}>
          {(p) =>
            kind === 'LINK' ? (
              <input {...p} type="url" {...form.register('content')} />
            ) : (
              <textarea {...p} rows={4} {...form.register('content')} />
            )
          }
        </Field>
      )}
      <ProvenanceFields register={form.register} errors={errors} />
      {progress !== null && <progress className="w-full" max={1} value={progress} aria-label="Upload progress" />}
      <Button type="submit" disabled={isSubmitting}>
        {isSubmitting ? 'Saving…' : 'Add version'}
      </Button>
    </form>
  );
}
