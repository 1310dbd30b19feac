/** What the commands share: the configuration, a logger on standard error and the database. */
import { pino } from 'pino';
import { loadConfig, type Config } from '../common/config';
import { AppError } from '../common/errors';
import { loggerOptions, type Logger } from '../common/logger';
import { openDatabase, type DatabaseHandle } from '../db/client';
import type { CliIo } from './args';

/** Reads the configuration from the environment; an invalid variable fails the command. */
export function configOf(io: CliIo): Config {
  try {
    return loadConfig(io.env);
  } catch (error) {
    throw new AppError('validation_failed', (error as Error).message);
  }
}

/**
 * A pino logger writing to standard error, so that standard output carries only the command's
 * result. Commands log warnings and errors by default; LOG_LEVEL=info shows more.
 */
export function cliLogger(io: CliIo): Logger {
  const level = io.env.LOG_LEVEL ?? 'warn';
  return pino(loggerOptions(level), pino.destination({ fd: 2, sync: true }));
}

/** Opens the database of DATABASE_URL, or the embedded one in DATA_DIR. */
export function openConfiguredDatabase(config: Config): Promise<DatabaseHandle> {
  return openDatabase({ databaseUrl: config.DATABASE_URL, dataDir: config.DATA_DIR, poolSize: 2 });
}

/** Describes where the database is, without the password of a URL. */
export function databaseLabel(config: Config): string {
  if (!config.DATABASE_URL) return `embedded database in ${config.DATA_DIR}`;
  try {
    const url = new URL(config.DATABASE_URL);
    url.password = '';
    return `PostgreSQL at ${url.host}${url.pathname}`;
  } catch {
    return 'PostgreSQL';
  }
}
