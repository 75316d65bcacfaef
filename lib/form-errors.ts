import type { FieldValues, Path, UseFormSetError } from 'react-hook-form';
import type { ActionError } from './errors';

/**
 * Puts a server action's field errors on the form's fields (same names as the schema) and
 * returns the message to show above the form, if any is left.
 */
export function applyServerErrors<T extends FieldValues>(
  setError: UseFormSetError<T>,
  error: ActionError,
  fields: readonly Path<T>[],
): string | null {
  let unplaced = false;
  for (const [path, messages] of Object.entries(error.fieldErrors ?? {})) {
    // "regions.0" belongs to the "regions" field.
    const name = (fields as readonly string[]).find((f) => path === f || path.startsWith(`${f}.`));
    if (name) setError(name as Path<T>, { message: messages[0] });
    else unplaced = true;
  }
  return error.fieldErrors && !unplaced ? null : error.message;
}
