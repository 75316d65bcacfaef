import type { ActionResult } from '@/lib/errors';
import type { FileUploadInput } from '../evidence.schema';
import { UPLOAD_CONTENT_TYPE } from '../upload.policy';

export type UploadResult = ActionResult<{ evidenceId: string; version: number; sha256: string; size: number }>;

/**
 * Sends a file to the upload route: one line of JSON with its metadata and the form's request id
 * (so a double click uploads once), then the file's bytes, streamed to storage on the server. The
 * Blob joins the two without reading the file into memory. XMLHttpRequest because fetch reports
 * no upload progress.
 */
export function uploadFile(
  orgSlug: string,
  file: File,
  metadata: FileUploadInput,
  onProgress: (fraction: number) => void,
  request: { requestId: string },
): Promise<UploadResult> {
  return new Promise((resolve) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', `/${orgSlug}/evidence/upload`);
    xhr.setRequestHeader('Content-Type', UPLOAD_CONTENT_TYPE);
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
    xhr.send(new Blob([`${JSON.stringify({ requestId: request.requestId, metadata })}\n`, file]));
  });
}
