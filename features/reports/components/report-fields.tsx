'use client';
import type { UseFormRegisterReturn } from 'react-hook-form';
import { Field } from '@/components/ui/field';
import { DOCUMENT_TYPE_LABELS, DOCUMENT_TYPES } from '../reports.schema';

/** The fields an edit may change. */
export const DESCRIBED_FIELDS = ['title', 'reportVersion', 'series', 'category', 'documentType', 'periodStart', 'periodEnd'] as const;
/** …and those set once, when the report is recorded. */
export const RECORDED_FIELDS = [...DESCRIBED_FIELDS, 'artifactReportId', 'retrievedAt', 'termsAcceptedAt'] as const;

type Described = (typeof DESCRIBED_FIELDS)[number];
type Recorded = (typeof RECORDED_FIELDS)[number];

type Props<F extends string> = {
  register: (name: F) => UseFormRegisterReturn;
  errors: Partial<Record<F, { message?: string } | undefined>>;
};

function TextField<F extends string>({
  name,
  label,
  hint,
  type = 'text',
  register,
  errors,
}: Props<F> & { name: F; label: string; hint?: string; type?: 'text' | 'date' }) {
  return (
    <Field label={label} error={errors[name]?.message} hint={hint}>
      {(p) => <input {...p} type={type} autoComplete="off" {...register(name)} />}
    </Field>
  );
}

/** Title, type, version, series, category and period: what describes a report and can be corrected. */
export function DescribedFields({ register, errors, withArtifactId }: Props<Described> & { withArtifactId?: React.ReactNode }) {
  const text = { register, errors };
  return (
    <>
      <div className="grid gap-4 sm:grid-cols-2">
        <TextField {...text} name="title" label="Title" hint="As AWS Artifact names the report, e.g. “SOC 2 Type 2”." />
        {withArtifactId}
        <Field label="Document type" error={errors.documentType?.message} hint="A bridge letter covers the gap until the next report.">
          {(p) => (
            <select {...p} {...register('documentType')}>
              {DOCUMENT_TYPES.map((t) => (
                <option key={t} value={t}>
                  {DOCUMENT_TYPE_LABELS[t]}
                </option>
              ))}
            </select>
          )}
        </Field>
      </div>
      <div className="grid gap-4 sm:grid-cols-3">
        <TextField {...text} name="reportVersion" label="Version" hint="The report version in AWS Artifact." />
        <TextField {...text} name="series" label="Series" hint="e.g. SOC, ISO, PCI." />
        <TextField {...text} name="category" label="Category" hint="e.g. Certifications and attestations." />
      </div>
      <div className="grid gap-4 sm:grid-cols-2">
        <TextField {...text} name="periodStart" label="Period start" hint="First day the report covers (UTC)." type="date" />
        <TextField {...text} name="periodEnd" label="Period end" hint="Last day the report covers (UTC)." type="date" />
      </div>
    </>
  );
}

/** Every field of a report being recorded: the described ones, its Artifact id, and when and under which terms it was retrieved. */
export function RecordedFields({ register, errors }: Props<Recorded>) {
  const text = { register, errors };
  return (
    <>
      <DescribedFields
        register={register}
        errors={errors}
        withArtifactId={
          <TextField
            {...text}
            name="artifactReportId"
            label="AWS Artifact report id"
            hint="“report-” followed by 16 letters or digits, as shown in AWS Artifact."
          />
        }
      />
      <div className="grid gap-4 sm:grid-cols-2">
        <TextField {...text} name="termsAcceptedAt" label="Terms accepted on" hint="When the Artifact terms were accepted." type="date" />
        <TextField {...text} name="retrievedAt" label="Retrieved on" hint="When the report was downloaded." type="date" />
      </div>
    </>
  );
}
