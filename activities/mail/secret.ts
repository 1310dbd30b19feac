/**
 * Encryption at rest of mailbox IMAP passwords with AES-256-GCM. The key is derived with
 * HKDF-SHA256 from MAIL_SECRET_KEY, or, when that is unset, from a random key file created in the
 * data directory on first use with mode 0600. The API and the worker must derive the same key, so
 * processes that do not share a data directory need MAIL_SECRET_KEY.
 */
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Config } from '../../common/config';

export type MailSecretConfig = Pick<Config, 'MAIL_SECRET_KEY' | 'DATA_DIR'>;

/** Name of the key file in DATA_DIR used when MAIL_SECRET_KEY is unset. */
export const mailKeyFileName = 'mail-secret.key';

/** Prefix that names the format of a stored value, so that a later format can be distinguished. */
const formatPrefix = 'aes256gcm:v1';
const hkdfInfo = 'khidmat mail_mailboxes.imap_password';
const ivBytes = 12;
const tagBytes = 16;

/** Reading the key file on every call would hit the disk per message, so keys are cached. */
const keyCache = new Map<string, Buffer>();

/** Reads the key file, creating it with 32 random bytes when it does not exist yet. */
function keyFileMaterial(dataDir: string): Buffer {
  const path = join(dataDir, mailKeyFileName);
  mkdirSync(dataDir, { recursive: true });
  try {
    // 'wx' fails when the file exists, so two processes starting at once never overwrite a key.
    writeFileSync(path, randomBytes(32).toString('base64') + '\n', { flag: 'wx', mode: 0o600 });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  const material = readFileSync(path, 'utf8').trim();
  if (material.length < 32) {
    throw new Error(
      `The mail key file ${path} is shorter than 32 characters. Restore it from a backup or set MAIL_SECRET_KEY`,
    );
  }
  return Buffer.from(material, 'utf8');
}

/** Derives the 32-byte AES key from MAIL_SECRET_KEY or from the data directory's key file. */
export function mailSecretKey(config: MailSecretConfig): Buffer {
  const cacheKey = config.MAIL_SECRET_KEY
    ? `env:${config.MAIL_SECRET_KEY}`
    : `dir:${config.DATA_DIR}`;
  const cached = keyCache.get(cacheKey);
  if (cached) return cached;
  const material = config.MAIL_SECRET_KEY
    ? Buffer.from(config.MAIL_SECRET_KEY, 'utf8')
    : keyFileMaterial(config.DATA_DIR);
  const key = Buffer.from(hkdfSync('sha256', material, Buffer.alloc(0), hkdfInfo, 32));
  keyCache.set(cacheKey, key);
  return key;
}

/** Encrypts a secret into `aes256gcm:v1:<iv>:<tag>:<ciphertext>`, each part base64url. */
export function encryptMailSecret(config: MailSecretConfig, plaintext: string): string {
  const iv = randomBytes(ivBytes);
  const cipher = createCipheriv('aes-256-gcm', mailSecretKey(config), iv);
  const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  const tag = cipher.getAuthTag();
  return [formatPrefix, iv, tag, ciphertext].map(encodePart).join(':');
}

function encodePart(part: string | Buffer): string {
  return typeof part === 'string' ? part : part.toString('base64url');
}

/** Raised when a stored secret is malformed or was encrypted under another key. */
export class MailSecretError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MailSecretError';
  }
}

/** Decrypts a value written by encryptMailSecret, or raises MailSecretError. */
export function decryptMailSecret(config: MailSecretConfig, stored: string): string {
  const parts = stored.split(':');
  if (parts.length !== 5 || `${parts[0]}:${parts[1]}` !== formatPrefix) {
    throw new MailSecretError(
      'The stored IMAP password is not encrypted. Enter the password again in the mailbox settings',
    );
  }
  const [iv, tag, ciphertext] = parts.slice(2).map((part) => Buffer.from(part, 'base64url'));
  if (!iv || !tag || !ciphertext || iv.length !== ivBytes || tag.length !== tagBytes) {
    throw new MailSecretError(
      'The stored IMAP password is malformed. Enter the password again in the mailbox settings',
    );
  }
  try {
    const decipher = createDecipheriv('aes-256-gcm', mailSecretKey(config), iv);
    decipher.setAuthTag(tag);
    return Buffer.concat([decipher.update(ciphertext), decipher.final()]).toString('utf8');
  } catch {
    throw new MailSecretError(
      `The stored IMAP password cannot be decrypted with the current key (MAIL_SECRET_KEY or ${mailKeyFileName} in DATA_DIR changed). Enter the password again in the mailbox settings`,
    );
  }
}
