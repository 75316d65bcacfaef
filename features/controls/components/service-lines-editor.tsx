'use client';
import { zodResolver } from '@hookform/resolvers/zod';
import { useState, useTransition } from 'react';
import { useForm, useWatch } from 'react-hook-form';
import type { z } from 'zod';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { ConfirmButton } from '@/components/ui/confirm-dialog';
import { Field } from '@/components/ui/field';
import { SERVICE_CATALOG, SERVICE_CODES, SERVICE_MODEL_LABELS, serviceName, type ServiceCode } from '@/features/systems/service-catalog';
import { applyServerErrors } from '@/lib/form-errors';
import { deleteServiceLineAction, saveServiceLineAction } from '../controls.actions';
import { saveServiceLineSchema, type SaveServiceLineInput } from '../controls.schema';
import { RESPONSIBILITY_LABELS, RESPONSIBILITY_TYPES, type ServiceLine } from '../responsibility.policy';
import { ResponsibilityBadge } from './responsibility-badge';
import { Table } from '@/components/ui/table';

const FIELDS = ['serviceCode', 'type', 'customerTask', 'awsTask'] as const;

/** The per-service lines of one control: a table, and a form that adds or replaces a line. */
export function ServiceLinesEditor({
  orgSlug,
  controlId,
  controlVersion,
  lines,
  canEdit,
}: {
  orgSlug: string;
  controlId: string;
  controlVersion: number;
  lines: ServiceLine[];
  canEdit: boolean;
}) {
  const [message, setMessage] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const form = useForm<SaveServiceLineInput, unknown, z.output<typeof saveServiceLineSchema>>({
    resolver: zodResolver(saveServiceLineSchema),
    defaultValues: { controlId, controlVersion, serviceCode: 'ec2', type: 'SHARED', customerTask: '', awsTask: '' },
  });
  const { errors, isSubmitting } = form.formState;
  const type = useWatch({ control: form.control, name: 'type' });

  const onSubmit = form.handleSubmit(async (values) => {
    setMessage(null);
    // The version comes from the latest render: each save re-renders the page with the next one.
    const result = await saveServiceLineAction(orgSlug, { ...values, controlVersion });
    if (!result.ok) setMessage(applyServerErrors(form.setError, result.error, FIELDS));
    else form.reset();
  });

  const edit = (line: ServiceLine) =>
    form.reset({
      controlId,
      controlVersion,
      serviceCode: line.serviceCode as ServiceCode,
      type: line.type,
      customerTask: line.customerTask,
      awsTask: line.awsTask,
    });

  const remove = (serviceCode: string) =>
    startTransition(async () => {
      setMessage(null);
      const result = await deleteServiceLineAction(orgSlug, { controlId, controlVersion, serviceCode: serviceCode as ServiceCode });
      if (!result.ok) setMessage(result.error.message);
    });

  return (
    <div className="space-y-4">
      {message && <Alert tone="error">{message}</Alert>}
      {lines.length === 0 ? (
        <Alert>No service moves the line for this control yet: every system gets the default type.</Alert>
      ) : (
        <Table
          caption="How each AWS service moves the line for this control"
          columns={[
            'Service',
            'Type',
            'Task it creates',
            ...(canEdit
              ? [
                  <span key="actions" className="sr-only">
                    Actions
                  </span>,
                ]
              : []),
          ]}
        >
          {lines.map((line) => (
            <tr key={line.serviceCode}>
              <td className="px-4 py-3">
                <span className="font-medium">{serviceName(line.serviceCode)}</span>
                <span className="block text-xs text-slate-500">
                  {SERVICE_MODEL_LABELS[SERVICE_CATALOG[line.serviceCode as ServiceCode]?.model ?? 'ABSTRACTED']}
                </span>
              </td>
              <td className="px-4 py-3">
                <ResponsibilityBadge type={line.type} />
              </td>
              <td className="px-4 py-3 text-slate-700">{line.type === 'INHERITED' ? line.awsTask : line.customerTask}</td>
              {canEdit && (
                <td className="whitespace-nowrap px-4 py-3">
                  <Button variant="link" onClick={() => edit(line)} aria-label={`Edit the ${serviceName(line.serviceCode)} line`}>
                    Edit
                  </Button>{' '}
                  <ConfirmButton
                    label="Remove"
                    disabled={pending}
                    title={`Remove the ${serviceName(line.serviceCode)} line?`}
                    message="Systems using this service fall back to the other lines or the control's default type."
                    confirmLabel="Remove line"
                    onConfirm={() => remove(line.serviceCode)}
                  />
                </td>
              )}
            </tr>
          ))}
        </Table>
      )}
      {canEdit && (
        <form onSubmit={onSubmit} noValidate className="grid gap-4 rounded-lg border border-slate-200 bg-white p-4 sm:grid-cols-2">
          <h3 className="text-sm font-semibold sm:col-span-2">Add or replace a service line</h3>
          <Field label="Service" error={errors.serviceCode?.message}>
            {(p) => (
              <select {...p} {...form.register('serviceCode')}>
                {SERVICE_CODES.map((code) => (
                  <option key={code} value={code}>
                    {SERVICE_CATALOG[code].name} — {SERVICE_MODEL_LABELS[SERVICE_CATALOG[code].model]}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field label="Type on this service" error={errors.type?.message}>
            {(p) => (
              <select {...p} {...form.register('type')}>
                {RESPONSIBILITY_TYPES.map((t) => (
                  <option key={t} value={t}>
                    {RESPONSIBILITY_LABELS[t]}
                  </option>
                ))}
              </select>
            )}
          </Field>
          {type === 'INHERITED' ? (
            <div className="sm:col-span-2">
              <Field
                label="What AWS does"
                error={errors.awsTask?.message}
                hint="e.g. AWS patches the operating system and the database engine"
              >
                {(p) => <input {...p} {...form.register('awsTask')} />}
              </Field>
            </div>
          ) : (
            <div className="sm:col-span-2">
              <Field
                label="Task for the customer"
                error={errors.customerTask?.message}
                hint="e.g. you patch the guest OS and the software you install on it"
              >
                {(p) => <input {...p} {...form.register('customerTask')} />}
              </Field>
            </div>
          )}
          <div>
            <Button type="submit" disabled={isSubmitting}>
              {isSubmitting ? 'Saving…' : 'Save line'}
            </Button>
          </div>
        </form>
      )}
    </div>
  );
}
