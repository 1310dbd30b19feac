/**
 * Keeps the attachments of an inbound message as case attachments: names cleaned of paths and
 * control characters, type sniffed from the content, size and count limits applied. A part that
 * is not kept stays in the raw message and is listed with the reason.
 */
import { isAppError } from '../../common/errors';
import type { Database } from '../../db/client';
import { checkUpload, cleanFileName } from '../../api/uploads/check';
import type { FileStore } from '../../api/uploads/store';
import { insertAttachment } from '../cases/intake';
import type { ParsedAttachment } from './parse';

export interface SkippedPart {
  name: string;
  size: number;
  why: 'too_large' | 'too_many' | 'type_not_accepted' | 'empty';
}

export interface KeptAttachments {
  ids: string[];
  skipped: SkippedPart[];
}

export interface AttachmentLimits {
  maxBytes: number;
  maxCount: number;
}

export async function keepAttachments(
  db: Database,
  files: FileStore,
  parts: ParsedAttachment[],
  uploaderId: string,
  limits: AttachmentLimits,
): Promise<KeptAttachments> {
  const kept: KeptAttachments = { ids: [], skipped: [] };
  for (const [index, part] of parts.entries()) {
    const name = cleanFileName(part.fileName || `attachment-${index + 1}`);
    if (part.size === 0) {
      kept.skipped.push({ name, size: 0, why: 'empty' });
      continue;
    }
    if (part.size > limits.maxBytes) {
      kept.skipped.push({ name, size: part.size, why: 'too_large' });
      continue;
    }
    if (kept.ids.length >= limits.maxCount) {
      kept.skipped.push({ name, size: part.size, why: 'too_many' });
      continue;
    }

    let contentType: string;
    try {
      contentType = (await checkUpload('attachment', name, part.content)).contentType;
    } catch (error) {
      if (!isAppError(error)) throw error;
      kept.skipped.push({ name, size: part.size, why: 'type_not_accepted' });
      continue;
    }
    const sha256 = await files.put(part.content);
    const row = await insertAttachment(db, {
      fileName: name,
      contentType,
      sizeBytes: part.size,
      sha256,
      uploadedById: uploaderId,
    });
    kept.ids.push(row.id);
  }
  return kept;
}

/** A line for the case text that lists the parts kept only in the raw message, in Malay and English. */
export function describeSkippedParts(skipped: SkippedPart[]): string {
  if (skipped.length === 0) return '';
  const list = skipped.map((part) => `${part.name} (${part.size} B, ${part.why})`).join('; ');
  return `\n\n[Lampiran tidak disimpan / Attachments not kept: ${list}]`;
}
