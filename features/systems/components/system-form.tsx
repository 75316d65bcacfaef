'use client';
import { zodResolver } from '@hookform/resolvers/zod';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useEffect, useRef, useState } from 'react';
import { useForm } from 'react-hook-form';
import type { z } from 'zod';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Field } from '@/components/ui/field';
import { applyServerErrors } from '@/lib/form-errors';
import { useLatestSaved } from '@/lib/latest-saved';
import { useRequestId } from '@/lib/request-id';
import { createSystemAction, updateSystemAction } from '../systems.actions';
import type { SystemDto } from '../systems.data';
import { systemFieldsSchema, type CreateSystemInput } from '../systems.schema';
import { RegionPicker } from './region-picker';
import { ServicePicker } from './service-picker';

const FIELDS = ['name', 'description', 'regions', 'services'] as const;

type EditedSystem = Pick<SystemDto, 'id' | 'version' | 'name' | 'description' | 'regions' | 'services'>;
// The version an edit was loaded with (or followed to, see useLatestSaved); the schema's output drops it.
type SystemFormValues = CreateSystemInput & { version?: number };

/**
 * Creates a system, or edits one when `system` is given. The fields are checked with the same
 * schema the server parses (updateSystemSchema is these fields plus the id and the version
 * the form was loaded with, which a save over someone else's newer save is refused for).
 */
export function SystemForm({ orgSlug, system }: { orgSlug: string; system?: EditedSystem }) {
  const request = useRequestId();
  const router = useRouter();
  const [message, setMessage] = useState<{ text: string; conflict: boolean } | null>(null);
  const [saved, setSaved] = useState(false);
  const top = useRef<HTMLFormElement>(null);
  const loaded: SystemFormValues = system
    ? {
        version: system.version,
        name: system.name,
        description: system.description,
        regions: system.regions as CreateSystemInput['regions'],
        services: system.services as CreateSystemInput['services'],
      }
    : { name: '', description: '', regions: [], services: [] };
  const form = useForm<SystemFormValues, unknown, z.output<typeof systemFieldsSchema>>({
    resolver: zodResolver(systemFieldsSchema),
    defaultValues: loaded,
  });
  const savedHere = useLatestSaved(form, loaded);
  const { errors, isSubmitting } = form.formState;

  useEffect(() => {
    if (message) top.current?.scrollIntoView({ block: 'start' });
  }, [message]);

  const onSubmit = form.handleSubmit(async (values) => {
    setMessage(null);
    const version = form.getValues('version')!;
    const result = system
      ? await updateSystemAction(orgSlug, { ...values, id: system.id, version })
      : await createSystemAction(orgSlug, values, request.current());
    if (!result.ok) {
      const text = applyServerErrors(form.setError, result.error, FIELDS);
      if (text) setMessage({ text, conflict: result.error.code === 'CONFLICT' });
      return;
    }
    if (system) savedHere(version, result.data.version);
    setSaved(true);
    router.push(`/${orgSlug}/systems/${result.data.id}`);
  });

  const cancelHref = system ? `/${orgSlug}/systems/${system.id}` : `/${orgSlug}/systems`;
  return (
    <form ref={top} onSubmit={onSubmit} noValidate className="scroll-mt-4 space-y-6">
      {message && (
        <Alert tone="error">
          {message.text}
          {message.conflict && system && (
            <>
              {' '}
              <a href={cancelHref} target="_blank" rel="noopener" className="font-medium underline">
                Open the saved version in a new tab
              </a>{' '}
              to compare; your input here is kept.
            </>
          )}
        </Alert>
      )}
      <Field label="Name" error={errors.name?.message} hint="The audited environment, e.g. “Payments platform, prod accounts”.">
        {(p) => <input {...p} autoComplete="off" {...form.register('name')} />}
      </Field>
      <Field label="Description" error={errors.description?.message} hint="Optional: what runs here, which accounts, what data.">
        {(p) => <textarea {...p} rows={3} {...form.register('description')} />}
      </Field>
      <RegionPicker registration={form.register('regions')} error={errors.regions?.message} />
      <ServicePicker registration={form.register('services')} error={errors.services?.message} />
      <div className="flex items-center gap-4">
        <Button type="submit" disabled={isSubmitting || saved}>
          {isSubmitting || saved ? 'Saving…' : system ? 'Save changes' : 'Create system'}
        </Button>
        <Link href={cancelHref} className="text-sm text-slate-600 hover:text-slate-900 hover:underline">
          Cancel
        </Link>
      </div>
    </form>
  );
}
