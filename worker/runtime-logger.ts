/**
 * Routes the Temporal SDK's logs (worker, workflows, activities, and the native core when
 * forwarded) to pino, so the worker writes one log stream.
 */
import {
  Runtime,
  type LogLevel,
  type LogMetadata,
  type Logger as TemporalLogger,
} from '@temporalio/worker';
import { IllegalStateError } from '@temporalio/common';
import type { Logger } from '../common/logger';

const pinoLevel = {
  TRACE: 'trace',
  DEBUG: 'debug',
  INFO: 'info',
  WARN: 'warn',
  ERROR: 'error',
} as const satisfies Record<LogLevel, string>;

/** An adapter that implements Temporal's Logger interface over a pino logger. */
export class PinoTemporalLogger implements TemporalLogger {
  constructor(private readonly logger: Logger) {}

  log(level: LogLevel, message: string, meta?: LogMetadata): void {
    this.logger[pinoLevel[level]](meta ?? {}, message);
  }
  trace(message: string, meta?: LogMetadata): void {
    this.log('TRACE', message, meta);
  }
  debug(message: string, meta?: LogMetadata): void {
    this.log('DEBUG', message, meta);
  }
  info(message: string, meta?: LogMetadata): void {
    this.log('INFO', message, meta);
  }
  warn(message: string, meta?: LogMetadata): void {
    this.log('WARN', message, meta);
  }
  error(message: string, meta?: LogMetadata): void {
    this.log('ERROR', message, meta);
  }
}

let installed = false;

/**
 * Installs the Temporal Runtime with the pino adapter, once per process. A Runtime that already
 * exists (a test environment or another component created it first) is kept with its own logger,
 * and a debug line says so.
 */
export function installRuntimeLogger(logger: Logger): void {
  if (installed) return;
  installed = true;
  try {
    Runtime.install({
      logger: new PinoTemporalLogger(logger.child({ component: 'temporal' })),
      telemetryOptions: { logging: { filter: { core: 'WARN', other: 'ERROR' }, forward: {} } },
    });
  } catch (error) {
    if (!(error instanceof IllegalStateError)) throw error;
    logger.debug({ err: error }, 'the Temporal Runtime was already created; its logger stays');
  }
}
