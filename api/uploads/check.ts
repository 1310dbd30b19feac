/**
 * Checks an uploaded file on arrival: not empty, a clean name, and a type taken from the content rather
 * than from the name or the browser's claim. The size limit is enforced earlier, by the multipart parser.
 */
import { fileTypeFromBuffer } from 'file-type';
import { AppError } from '../../common/errors';

/** Types accepted as attachments, detected from their content. */
const allowedTypes = new Set([
  'application/pdf',
  'image/png',
  'image/jpeg',
  'image/gif',
  'image/webp',
  'image/heic',
  'image/bmp',
  'image/tiff',
  'application/zip',
  'application/x-cfb',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  'application/vnd.oasis.opendocument.text',
  'application/vnd.oasis.opendocument.spreadsheet',
  'message/rfc822',
  'video/mp4',
  'audio/mpeg',
]);

/**
 * Removes directories, control and bidirectional-control characters, and characters that Windows
 * forbids from a file name, keeping Unicode letters. Never returns an empty name.
 */
export function cleanFileName(raw: string): string {
  const base = raw.split(/[\\/]/).pop() ?? '';
  const cleaned = base
    .normalize('NFC')
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u001f\u007f-\u009f<>:"|?*]/g, '')
    // Bidirectional controls, which can make "invoice\u202egnp.exe" read as "invoiceexe.png".
    .replace(/[\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, '')
    .replace(/^[.\s]+/, '')
    .trim()
    .slice(0, 200);
  return cleaned || 'attachment';
}

function looksLikeText(content: Buffer): boolean {
  if (content.includes(0)) return false;
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(content.subarray(0, 64 * 1024));
    return true;
  } catch {
    return false;
  }
}

export interface CheckedFile {
  fileName: string;
  contentType: string;
}

/** Returns the clean name and detected type, or throws unsupported_media_type naming the field. */
export async function checkUpload(
  field: string,
  rawName: string,
  content: Buffer,
): Promise<CheckedFile> {
  const fileName = cleanFileName(rawName);
  if (content.length === 0) {
    throw new AppError('validation_failed', `${field}: the file ${fileName} is empty`, [
      { field, message: 'empty file' },
    ]);
  }
  const detected = await fileTypeFromBuffer(content);
  if (detected) {
    if (!allowedTypes.has(detected.mime)) {
      throw new AppError(
        'unsupported_media_type',
        `${field}: ${fileName} is ${detected.mime}, which is not accepted`,
        [{ field, message: `type ${detected.mime} not accepted` }],
      );
    }
    return { fileName, contentType: detected.mime };
  }
  if (looksLikeText(content)) {
    const csv = /\.csv$/i.test(fileName);
    return { fileName, contentType: csv ? 'text/csv' : 'text/plain' };
  }
  throw new AppError(
    'unsupported_media_type',
    `${field}: the type of ${fileName} could not be recognised`,
    [{ field, message: 'unrecognised type' }],
  );
}
