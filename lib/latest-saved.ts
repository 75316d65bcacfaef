import { useEffect } from 'react';
import type { FieldValues, UseFormReturn } from 'react-hook-form';

/**
 * Keeps a form that edits part of a versioned record on the record's latest saved version when
 * the page re-renders after a save elsewhere (another form of the same record, or someone else).
 * Fields nobody is editing take the saved values; fields being edited keep what was typed. Only
 * when the save elsewhere changed a field being edited does the form keep the version it loaded,
 * so its save is refused as a conflict instead of overwriting. The form is never remounted, so
 * its "Saved." stays on screen.
 */
export function useLatestSaved<T extends FieldValues & { version?: unknown }>(
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- any resolver's output type
  form: UseFormReturn<T, unknown, any>,
  latest: T,
) {
  // Read during render: react-hook-form only tracks the form state a component reads.
  const { dirtyFields, defaultValues } = form.formState;
  useEffect(() => {
    if (form.getValues().version === latest.version) return;
    const editing = Object.keys(dirtyFields);
    const changedUnderfoot = editing.some((field) => !Object.is(latest[field], (defaultValues as Partial<T> | undefined)?.[field]));
    if (!changedUnderfoot) form.reset(latest, { keepDirtyValues: true });
  }, [form, latest, dirtyFields, defaultValues]);
}
