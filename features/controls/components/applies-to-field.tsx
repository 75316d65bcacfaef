import type { UseFormRegisterReturn } from 'react-hook-form';
import { SERVICE_CATALOG, SERVICE_MODEL_LABELS, type ServiceCode, type ServiceModel } from '@/features/systems/service-catalog';

const MODELS = Object.keys(SERVICE_MODEL_LABELS) as ServiceModel[];

/** Which systems a control applies to: every system, or only those that use one of the ticked services. */
export function AppliesToField({ register, error }: { register: UseFormRegisterReturn<'appliesTo'>; error?: string }) {
  return (
    <fieldset className="space-y-2">
      <legend className="text-sm font-medium text-slate-700">Applies to</legend>
      <p className="text-xs text-slate-500">
        Leave every box empty for a control that applies to every system. Tick services for a control about them (e.g. S3 Block Public
        Access → Amazon S3): on a system that uses none of them it is “Not applicable” and leaves every figure.
      </p>
      <div className="grid gap-3 sm:grid-cols-4">
        {MODELS.map((model) => (
          <div key={model}>
            <p className="text-xs font-medium text-slate-600">{SERVICE_MODEL_LABELS[model]}</p>
            {(Object.entries(SERVICE_CATALOG) as [ServiceCode, { name: string; model: ServiceModel }][])
              .filter(([, s]) => s.model === model)
              .map(([code, s]) => (
                <label key={code} className="mt-1 flex items-center gap-2 text-sm">
                  <input type="checkbox" value={code} {...register} />
                  {s.name}
                </label>
              ))}
          </div>
        ))}
      </div>
      {error && <p className="text-sm text-red-700">{error}</p>}
    </fieldset>
  );
}
