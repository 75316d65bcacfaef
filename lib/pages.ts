import 'server-only';
import { notFound } from 'next/navigation';
import { recordPageRefusal } from './auth/context';
import { AppError } from './errors';

/**
 * For pages: a record the data layer reports missing (or another organization's, or hidden from
 * the caller) becomes a 404, and the attempt is recorded in the audit log.
 */
export async function orNotFound<T>(load: Promise<T>): Promise<T> {
  try {
    return await load;
  } catch (error) {
    if (error instanceof AppError && error.code === 'NOT_FOUND') {
      await recordPageRefusal(error);
      notFound();
    }
    throw error;
  }
}
