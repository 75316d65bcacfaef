/**
 * The evidence upload's body: one line of JSON describing the file (`{ requestId, metadata }`),
 * a newline, then the file's bytes. A type of our own, which a cross-site form cannot send.
 */
export const UPLOAD_CONTENT_TYPE = 'application/vnd.demarc.evidence-upload';

/** The description line's limit: the longest allowed fields in any script, with room to spare. */
export const MAX_UPLOAD_HEAD_BYTES = 256 * 1024;
