'use client';
import { createContext, useCallback, useContext, useEffect, useState, type ReactNode } from 'react';
import type { FieldValues, UseFormReturn } from 'react-hook-form';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any resolver's output type
type VersionedForm<T extends FieldValues> = UseFormReturn<T, unknown, any>;
type Saved = { from: number; to: number; by: unknown };

// Form values are plain data (strings, arrays of them, objects of them): equal when they serialize alike.
const sameValue = (a: unknown, b: unknown) => Object.is(a, b) || JSON.stringify(a) === JSON.stringify(b);

const SiblingSaves = createContext<EventTarget | null>(null);

/**
 * Wraps the forms that each edit their own fields of one versioned record on one page. A save by
 * one moves the others to the version it created at once, without waiting for the page's refresh
 * (which a busy browser can render after the user's next click, making that save a false conflict).
 */
export function OneRecordForms({ children }: { children: ReactNode }) {
  const [siblings] = useState(() => new EventTarget());
  return <SiblingSaves.Provider value={siblings}>{children}</SiblingSaves.Provider>;
}

/**
 * Keeps a form that edits part of a versioned record on the record's latest saved version when
 * the page re-renders after a save elsewhere (another form of the same record, or someone else).
 * Fields nobody is editing take the saved values; fields being edited keep what was typed. Only
 * when the save elsewhere changed a field being edited does the form keep the version it loaded,
 * so its save is refused as a conflict instead of overwriting. The form is never remounted, so
 * its "Saved." stays on screen.
 *
 * Returns what the form calls after its own save (the version it saved over, the version it
 * made), so that its siblings in `OneRecordForms` follow at once: their fields are not the ones it
 * wrote, so the newer version changed nothing they hold.
 */
export function useLatestSaved<T extends FieldValues & { version?: number }>(form: VersionedForm<T>, latest: T) {
  // Read during render: react-hook-form only tracks the form state a component reads.
  const { dirtyFields, defaultValues } = form.formState;
  useEffect(() => {
    // Only a newer version than the form holds is news: a render of an older one (it can land after
    // a save the form already followed) must not undo it. Checked on every render, so a conflict
    // kept because of an edit clears when that edit is undone.
    const held = form.getValues().version;
    if (latest.version === undefined || held === undefined || latest.version <= held) return;
    const editing = Object.keys(dirtyFields);
    const changedUnderfoot = editing.some((field) => !sameValue(latest[field], (defaultValues as Partial<T> | undefined)?.[field]));
    if (!changedUnderfoot) form.reset(latest, { keepDirtyValues: true });
  }, [form, latest, dirtyFields, defaultValues]);

  const siblings = useContext(SiblingSaves);
  useEffect(() => {
    if (!siblings) return;
    const follow = (event: Event) => {
      const { from, to, by } = (event as CustomEvent<Saved>).detail;
      // A version this form does not hold means someone else saved in between: the page's refresh decides.
      if (by === form || form.getValues().version !== from) return;
      form.reset({ ...form.formState.defaultValues, version: to } as T, { keepDirtyValues: true });
    };
    siblings.addEventListener('saved', follow);
    return () => siblings.removeEventListener('saved', follow);
  }, [siblings, form]);

  return useCallback(
    (from: number, to: number) => siblings?.dispatchEvent(new CustomEvent<Saved>('saved', { detail: { from, to, by: form } })),
    [siblings, form],
  );
}
