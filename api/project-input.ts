/** Input checks shared by the ICT project routes that the schemas cannot make alone. */
import type { Principal } from '../activities/identity/principals';
import { findLooseFiles } from '../activities/projects/queries';
import { AppError } from '../common/errors';
import type { Database } from '../db/client';

/** Creates a 400 error naming the field, as the schema validation names it. */
export function invalidField(field: string, message: string): AppError {
  return new AppError('validation_failed', `${field}: ${message}`, [{ field, message }]);
}

/**
 * Checks that each document naming an uploaded file names one the principal uploaded and that
 * belongs to no case, so a person cannot attach someone else's file by guessing its id.
 */
export async function checkDocumentFiles(
  db: Database,
  principal: Principal,
  documents: readonly { fileId: string | null }[],
  field: (index: number) => string,
): Promise<void> {
  const ids = documents.flatMap((document) => (document.fileId ? [document.fileId] : []));
  const files = await findLooseFiles(db, ids);
  for (const [index, document] of documents.entries()) {
    if (!document.fileId) continue;
    const file = files.get(document.fileId);
    if (!file || file.uploadedById !== principal.id) {
      throw invalidField(field(index), 'no file with this id was uploaded by you');
    }
  }
}
