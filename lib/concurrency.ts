import { AppError } from './errors';

/** The refusal for a save made over someone else's newer save. */
export function staleVersionError(what: string): AppError {
  return new AppError(
    'CONFLICT',
    `Someone else saved this ${what} after you opened it. Your changes were not saved: reload to see theirs, then apply yours again.`,
  );
}
