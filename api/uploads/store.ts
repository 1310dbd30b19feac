/**
 * Content-addressed storage of attachments in DATA_DIR/files: a file is kept under its SHA-256, so
 * the same content stored twice takes the space once and a retried upload is harmless.
 */
import { createHash } from 'node:crypto';
import { createReadStream, type ReadStream } from 'node:fs';
import { access, mkdir, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

export interface FileStore {
  /** Stores the bytes and returns their SHA-256 in hex. */
  put(content: Buffer): Promise<string>;
  open(sha256: string): ReadStream;
  exists(sha256: string): Promise<boolean>;
}

export function createFileStore(root: string): FileStore {
  const pathOf = (sha256: string) => {
    if (!/^[0-9a-f]{64}$/.test(sha256)) throw new Error(`Not a SHA-256 digest: ${sha256}`);
    return join(root, sha256.slice(0, 2), sha256.slice(2, 4), sha256);
  };

  return {
    async put(content) {
      const sha256 = createHash('sha256').update(content).digest('hex');
      const target = pathOf(sha256);
      try {
        await access(target);
        return sha256;
      } catch {
        // Not stored yet.
      }
      await mkdir(join(target, '..'), { recursive: true });
      const partial = `${target}.${process.pid}.${Date.now()}.partial`;
      await writeFile(partial, content);
      await rename(partial, target);
      return sha256;
    },
    open: (sha256) => createReadStream(pathOf(sha256)),
    async exists(sha256) {
      try {
        await access(pathOf(sha256));
        return true;
      } catch {
        return false;
      }
    },
  };
}
