import { fileTypeFromBuffer } from 'file-type';

/** What Demarc accepts as evidence files, decided from the bytes, not the name alone. */
const BINARY_TYPES: Record<string, { mediaType: string; extensions: string[]; label: string }> = {
  pdf: { mediaType: 'application/pdf', extensions: ['pdf'], label: 'PDF' },
  png: { mediaType: 'image/png', extensions: ['png'], label: 'PNG image' },
  jpg: { mediaType: 'image/jpeg', extensions: ['jpg', 'jpeg'], label: 'JPEG image' },
  xlsx: { mediaType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', extensions: ['xlsx'], label: 'Excel workbook' },
  docx: {
    mediaType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    extensions: ['docx'],
    label: 'Word document',
  },
  zip: { mediaType: 'application/zip', extensions: ['zip'], label: 'ZIP archive' },
};

const TEXT_TYPES: Record<string, string> = {
  txt: 'text/plain',
  log: 'text/plain',
  md: 'text/plain',
  csv: 'text/csv',
  json: 'application/json',
};

export const ACCEPTED_FILES = 'PDF, PNG, JPEG, CSV, plain text, JSON, XLSX, DOCX or ZIP';
/** How many leading bytes the decision needs (ZIP-based Office files name their parts early). */
export const SNIFF_BYTES = 64 * 1024;

export type Sniffed = { ok: true; mediaType: string } | { ok: false; message: string };

function extensionOf(fileName: string): string {
  const dot = fileName.lastIndexOf('.');
  return dot > 0 ? fileName.slice(dot + 1).toLowerCase() : '';
}

function looksLikeText(head: Uint8Array, complete: boolean): boolean {
  if (head.includes(0)) return false;
  try {
    // `stream: true` tolerates a character cut at the end of a partial sample.
    new TextDecoder('utf-8', { fatal: true }).decode(head, { stream: !complete });
    return true;
  } catch {
    return false;
  }
}

/**
 * Decides a file's type from its first bytes and checks that its name agrees.
 * `complete` is true when `head` is the whole file.
 */
export async function sniffFile(head: Uint8Array, fileName: string, complete: boolean): Promise<Sniffed> {
  const ext = extensionOf(fileName);
  const detected = await fileTypeFromBuffer(head);
  if (detected) {
    const key = detected.ext === 'jpg' ? 'jpg' : detected.ext;
    const accepted = BINARY_TYPES[key];
    if (!accepted)
      return { ok: false, message: `This file is ${detected.ext.toUpperCase()} content, which is not accepted. Upload ${ACCEPTED_FILES}.` };
    if (!accepted.extensions.includes(ext)) {
      return {
        ok: false,
        message: `The file’s content is a ${accepted.label} but its name ends in “.${ext || '(none)'}”. Rename it or upload the right file.`,
      };
    }
    return { ok: true, mediaType: accepted.mediaType };
  }
  const textType = TEXT_TYPES[ext];
  if (!looksLikeText(head, complete)) {
    return { ok: false, message: `This file’s type is not accepted. Upload ${ACCEPTED_FILES}.` };
  }
  if (!textType) {
    return { ok: false, message: `Text files must be named .txt, .csv, .json, .md or .log (this one is “.${ext || '(none)'}”).` };
  }
  if (ext === 'json' && !/^\s*[[{]/.test(new TextDecoder().decode(head.subarray(0, 1024)))) {
    return { ok: false, message: 'This file is named .json but does not start like JSON.' };
  }
  return { ok: true, mediaType: textType };
}

const MAX_FILE_NAME = 200;

/**
 * A name safe for Content-Disposition: no path, no control or quote characters, bounded length.
 * A long name is shortened before its extension (which decides the type check), by whole
 * characters, so no emoji is cut in half.
 */
export function safeFileName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  const cleaned = Array.from(
    base
      .replace(/[\u0000-\u001f\u007f"\\;]/g, '')
      .replace(/\s+/g, ' ')
      .trim(),
  );
  if (cleaned.length <= MAX_FILE_NAME) return cleaned.join('') || 'evidence';
  const ext = Array.from(/\.[A-Za-z0-9]{1,10}$/.exec(cleaned.join(''))?.[0] ?? '');
  return [...cleaned.slice(0, MAX_FILE_NAME - ext.length), ...ext].join('').trim();
}
