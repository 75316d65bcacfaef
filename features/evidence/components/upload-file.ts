import type { ActionResult } from '@/lib/errors';
import type { FileUploadInput } from '../evidence.schema';

export type UploadResult = ActionResult<{ evidenceId: string; version: number; sha256: string; size: number }>;

/**
 * Sends a file to the upload route as the raw request body (streamed to storage on the
 * server), with its metadata in a header. XMLHttpRequest because fetch reports no upload progress.
 */
export function uploadFile(
  orgSlug: string,
  file: File,
  meta: FileUploadInput,
  onProgress: (fraction: number) => void,
): Promise<UploadResult> {
  return new Promise((resolve) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', `/${orgSlug}/evidence/upload`);
    xhr.setRequestHeader('Content-Type', 'application/octet-stream');
    const json = new TextEncoder().encode(JSON.stringify(meta));
    xhr.setRequestHeader('X-Demarc-Evidence', btoa(String.fromCharCode(...json)));
    xhr.upload.onprogress = (e) => e.lengthComputable && onProgress(e.loaded / e.total);
    xhr.onload = () => {
      try {
        resolve(JSON.parse(xhr.responseText) as UploadResult);
      } catch {
        resolve({ ok: false, error: { code: 'INTERNAL', message: 'The upload failed. Please try again.' } });
      }
    };
    xhr.onerror = () =>
      resolve({
        ok: false,
        error: { code: 'INTERNAL', message: 'The connection was lost during the upload. Nothing was saved; try again.' },
      });
    xhr.send(file);
  });
}
