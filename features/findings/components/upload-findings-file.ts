import type { ActionResult } from '@/lib/errors';
import type { IngestResult } from '../ingest.data';
import { FINDINGS_UPLOAD_CONTENT_TYPE } from '../upload.policy';

export type FindingsUploadResult = ActionResult<IngestResult>;

/**
 * Sends a findings file to the upload route as it is (the browser streams it from disk), its name
 * in the query. XMLHttpRequest because fetch reports no upload progress: `onProgress` follows the
 * bytes sent, `onSent` fires once they all are and the server is processing them.
 */
export function uploadFindingsFile(
  orgSlug: string,
  file: File,
  { onProgress, onSent }: { onProgress: (fraction: number) => void; onSent: () => void },
): Promise<FindingsUploadResult> {
  return new Promise((resolve) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', `/${orgSlug}/findings/upload?${new URLSearchParams({ name: file.name })}`);
    xhr.setRequestHeader('Content-Type', FINDINGS_UPLOAD_CONTENT_TYPE);
    xhr.upload.onprogress = (e) => e.lengthComputable && onProgress(e.loaded / e.total);
    xhr.upload.onload = () => onSent();
    xhr.onload = () => {
      try {
        resolve(JSON.parse(xhr.responseText) as FindingsUploadResult);
      } catch {
        const text = xhr.status === 413 ? 'The file is too large.' : 'The upload failed. Nothing was recorded; please try again.';
        resolve({ ok: false, error: { code: 'INTERNAL', message: text } });
      }
    };
    xhr.onerror = () =>
      resolve({
        ok: false,
        error: { code: 'INTERNAL', message: 'The connection was lost during the upload. Nothing was recorded; try again.' },
      });
    xhr.send(file);
  });
}
