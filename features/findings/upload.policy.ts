/**
 * The findings upload's body is the file's bytes as they are, with this content type: one a
 * cross-site form cannot send (the route refuses any other), so only Demarc's own page posts it.
 * The file's name travels in the `name` query parameter.
 */
export const FINDINGS_UPLOAD_CONTENT_TYPE = 'application/vnd.demarc.findings-upload';

/** Longest file name kept (a label for the scan list and the audit log). */
export const MAX_FINDINGS_FILE_NAME = 200;

/**
 * The file name to record: the browser's, control characters dropped, trimmed and cut to the
 * limit (by code point, so no pair is split), or "upload" when none is left. A lone surrogate
 * (which PostgreSQL cannot store) is replaced by U+FFFD.
 */
export function findingsFileName(raw: string | null): string {
  const name = (raw ?? '')
    .toWellFormed()
    .replace(/[\u0000-\u001f\u007f]/g, '')
    .trim();
  return name ? Array.from(name).slice(0, MAX_FINDINGS_FILE_NAME).join('').trim() : 'upload';
}
