/** A 1-based page number from a query value; anything else is page 1. */
export function pageNumber(value: string | string[] | undefined): number {
  const n = Number(Array.isArray(value) ? value[0] : value);
  return Number.isInteger(n) && n > 0 ? Math.min(n, 100_000) : 1;
}

/** A positive integer cursor (e.g. an audit event's seq) from a query value, or undefined. */
export function seqParam(value: string | string[] | undefined): number | undefined {
  const n = Number(Array.isArray(value) ? value[0] : value);
  return Number.isSafeInteger(n) && n > 0 ? n : undefined;
}
