// @vitest-environment happy-dom
import { act, useEffect, type ReactNode } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { useForm, type UseFormReturn } from 'react-hook-form';
import { afterEach, describe, expect, it } from 'vitest';
import { OneRecordForms, useLatestSaved } from './latest-saved';

// React warns about updates outside act() unless it knows it runs in tests.
(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

type Values = { version: number; text: string; tags: string[] };
type Handle = { form: UseFormReturn<Values>; savedHere: (from: number, to: number) => void };
const forms: Record<string, Handle> = {};

/** A form of one record's fields, as the app's forms use the hook. */
function Part({ name, saved }: { name: string; saved: Values }) {
  const form = useForm<Values>({ defaultValues: saved });
  const savedHere = useLatestSaved(form, saved);
  useEffect(() => {
    forms[name] = { form, savedHere: (from, to) => void savedHere(from, to) };
  });
  return <input aria-label={name} {...form.register('text')} />;
}

let root: Root;
const render = (node: ReactNode) => act(() => (root ??= createRoot(document.createElement('div'))).render(node));
afterEach(() => {
  act(() => root.unmount());
  root = undefined as unknown as Root;
});

/** `name` saves its own fields as the app's forms do: it takes the version it made, and tells its siblings. */
const save = (name: string, from: number, to: number) =>
  act(() => {
    const { form, savedHere } = forms[name]!;
    form.reset({ ...form.getValues(), version: to });
    savedHere(from, to);
  });

const v1 = (text: string): Values => ({ version: 1, text, tags: ['a'] });

describe('useLatestSaved', () => {
  it('moves the sibling forms of one record to the version a save made, at once, keeping what they have typed', async () => {
    const page = (implementation: Values, customers: Values) =>
      render(
        <OneRecordForms>
          <Part name="implementation" saved={implementation} />
          <Part name="customers" saved={customers} />
        </OneRecordForms>,
      );
    await page(v1('narrative'), v1('responsibility'));
    act(() => forms.implementation!.form.setValue('text', 'typed, not saved', { shouldDirty: true }));
    save('customers', 1, 2);
    expect(forms.implementation!.form.getValues()).toEqual({ version: 2, text: 'typed, not saved', tags: ['a'] });
    expect(forms.implementation!.form.formState.dirtyFields).toEqual({ text: true });
    // The page re-rendering with the version it loaded (its refresh not here yet) does not undo that.
    await page(v1('narrative'), v1('responsibility'));
    expect(forms.implementation!.form.getValues().version).toBe(2);
    // And back the other way: the implementation's save moves the customers' form on.
    save('implementation', 2, 3);
    expect(forms.customers!.form.getValues().version).toBe(3);
    // A late render of an older save (version 2) moves neither back.
    await page({ ...v1('narrative'), version: 2 }, { ...v1('responsibility'), version: 2 });
    expect([forms.implementation!.form.getValues().version, forms.customers!.form.getValues().version]).toEqual([3, 3]);
  });

  it('does not follow a save over a version it does not hold (someone else saved in between), nor outside OneRecordForms', async () => {
    await render(
      <OneRecordForms>
        <Part name="a" saved={v1('x')} />
        <Part name="b" saved={v1('y')} />
      </OneRecordForms>,
    );
    save('a', 4, 5);
    expect(forms.b!.form.getValues().version).toBe(1);

    await render(
      <>
        <Part name="c" saved={v1('x')} />
        <Part name="d" saved={v1('y')} />
      </>,
    );
    save('c', 1, 2);
    expect(forms.d!.form.getValues().version).toBe(1);
  });

  it('takes a newer save from the page only while it changed no field being edited (arrays compared by value)', async () => {
    await render(<Part name="form" saved={v1('loaded')} />);
    act(() => forms.form!.form.setValue('tags', ['a', 'typed'], { shouldDirty: true }));
    // Someone changed only the text (the tags come as a new, equal array, as every render makes
    // them): the form follows, keeping what was typed.
    await render(<Part name="form" saved={{ version: 2, text: 'theirs', tags: ['a'] }} />);
    expect(forms.form!.form.getValues()).toEqual({ version: 2, text: 'theirs', tags: ['a', 'typed'] });
    // Someone changed the tags being edited: the form keeps its version, so its save is refused as a conflict.
    const newer = { version: 3, text: 'theirs', tags: ['b'] };
    await render(<Part name="form" saved={newer} />);
    expect(forms.form!.form.getValues()).toEqual({ version: 2, text: 'theirs', tags: ['a', 'typed'] });
    // The edit undone: nothing of the form's own stands in the way any more, and at the page's next
    // render (a new object, as always) it follows.
    act(() => forms.form!.form.setValue('tags', ['a'], { shouldDirty: true }));
    await render(<Part name="form" saved={{ ...newer }} />);
    expect(forms.form!.form.getValues()).toEqual(newer);
  });
});
