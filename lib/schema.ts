import { z } from 'zod';

/** The largest PostgreSQL `integer`: every Int column (versions, version numbers, counts). */
export const PG_INT_MAX = 2_147_483_647;

/**
 * The version a form was loaded with (optimistic concurrency), bounded to what an Int column can
 * hold: a larger number can only be forged, and would otherwise fail in the database.
 */
export function rowVersion(min = 1) {
  return z.number().int().min(min).max(PG_INT_MAX, 'This version number was not given out by Demarc. Reload the page.');
}
