import { useRef } from 'react';

/** A random (version 4) UUID, also on plain-http pages where crypto.randomUUID is missing. */
export function newRequestId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = (bytes[6]! & 0x0f) | 0x40;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/**
 * The request id a create form sends with its action: the same until a create succeeds, so a
 * double click (or a retry after a lost answer) creates once and gets the first answer; a new
 * one after each success, for the next create.
 */
export function useRequestId() {
  const id = useRef<string | null>(null);
  return {
    /** `{ requestId }`, the third argument of a create action. */
    current: () => ({ requestId: (id.current ??= newRequestId()) }),
    renew: () => {
      id.current = null;
    },
  };
}
