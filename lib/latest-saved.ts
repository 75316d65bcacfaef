import { useEffect } from 'react';
import type { FieldValues, UseFormReturn } from 'react-hook-form';

/**
 * Keeps a form that edits part of a versioned record on the record's latest saved version when
 * the page re-renders after a save elsewhere (another form of the same record, or someone else):
 * with nothing being edited it takes the fresh values; with edits pending it keeps the version it
 * loaded, so its save is refused as a conflict rather than overwriting. The form is never
 * remounted, so its "Saved." stays on screen.
 */
export function useLatestSaved<T extends FieldValues & { version?: unknown }>(
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- any resolver's output type
  form: UseFormReturn<T, unknown, any>,
  latest: T,
) {
  const { isDirty } = form.formState;
  useEffect(() => {
    if (!isDirty && form.getValues().version !== latest.version) form.reset(latest);
  }, [form, isDirty, latest]);
}
