/**
 * Attachments: upload one file (checked by content and stored by its SHA-256) to use in a new case
 * or a message, and download an attachment of a case you may see.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../common/errors';
import { findCaseAttachment } from '../../activities/cases/queries';
import { insertAttachment } from '../../activities/cases/intake';
import type { AppDeps } from '../app';
import { errorResponses } from '../schemas/common';
import { requirePrincipal } from '../auth/plugin';
import { canSeeInternal } from '../policies/cases';
import { iso, loadVisibleCase } from '../presenters/case';
import { attachmentInfo, referenceParams } from '../schemas/cases';
import { checkUpload } from '../uploads/check';

/** A Content-Disposition header that carries any Unicode name safely (RFC 6266 and 5987). */
function contentDisposition(fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}

export function attachmentRoutes(deps: AppDeps): FastifyPluginAsyncZod {
  return async (app) => {
    app.post(
      '/attachments',
      {
        schema: {
          tags: ['attachments'],
          summary: 'Upload one file (multipart field "file"); use its id in a case or message',
          consumes: ['multipart/form-data'],
          response: { 201: attachmentInfo, ...errorResponses(400, 401, 413, 415) },
        },
      },
      async (request, reply) => {
        const principal = requirePrincipal(request);
        if (!request.isMultipart()) {
          throw new AppError(
            'unsupported_media_type',
            'Send the file as multipart/form-data in the field "file"',
          );
        }
        // One file per request: the first part named "file" is kept, and a second file is an error
        // rather than silently dropped.
        let upload: { fileName: string; content: Buffer } | null = null;
        for await (const part of request.parts()) {
          if (part.type !== 'file') continue;
          if (part.fieldname !== 'file' || upload !== null) {
            await part.toBuffer();
            throw new AppError(
              'validation_failed',
              'file: send exactly one file, in the field "file"',
              [{ field: 'file', message: 'exactly one file per request' }],
            );
          }
          const content = await part.toBuffer();
          if (part.file.truncated) {
            throw new AppError(
              'payload_too_large',
              `file: larger than ${deps.config.ATTACHMENT_MAX_BYTES} bytes`,
              [{ field: 'file', message: `larger than ${deps.config.ATTACHMENT_MAX_BYTES} bytes` }],
            );
          }
          upload = { fileName: part.filename, content };
        }
        if (!upload) {
          throw new AppError('validation_failed', 'file: missing', [
            { field: 'file', message: 'missing' },
          ]);
        }
        const { content } = upload;
        const checked = await checkUpload('file', upload.fileName, content);
        const sha256 = await deps.files.put(content);
        const row = await insertAttachment(deps.db, {
          fileName: checked.fileName,
          contentType: checked.contentType,
          sizeBytes: content.length,
          sha256,
          uploadedById: principal.id,
        });
        request.log.info(
          { attachmentId: row.id, sizeBytes: content.length, contentType: checked.contentType },
          'attachment stored',
        );
        return reply.status(201).send({
          id: row.id,
          messageId: null,
          fileName: row.fileName,
          contentType: row.contentType,
          sizeBytes: row.sizeBytes,
          createdAt: iso(row.createdAt) ?? '',
        });
      },
    );

    app.get(
      '/cases/:reference/attachments/:attachmentId',
      {
        schema: {
          tags: ['attachments'],
          summary: 'Download an attachment of a case',
          params: referenceParams.extend({ attachmentId: z.uuid() }),
        },
      },
      async (request, reply) => {
        const principal = requirePrincipal(request);
        const visible = await loadVisibleCase(deps.db, principal, request.params.reference);
        const file = await findCaseAttachment(
          deps.db,
          visible.record.id,
          request.params.attachmentId,
        );
        const hidden = file?.visibility === 'internal' && !canSeeInternal(principal, visible.facts);
        if (!file || hidden) throw new AppError('not_found', 'No such attachment');
        return reply
          .header('content-type', file.contentType)
          .header('content-length', file.sizeBytes)
          .header('content-disposition', contentDisposition(file.fileName))
          .header('x-content-type-options', 'nosniff')
          .header('content-security-policy', "default-src 'none'; sandbox")
          .send(deps.files.open(file.sha256));
      },
    );
  };
}
