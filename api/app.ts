/**
 * The Fastify application factory. It keeps no process state: records come from the database and
 * every process step goes to a Temporal workflow.
 */
import cookie from '@fastify/cookie';
import multipart from '@fastify/multipart';
import swagger from '@fastify/swagger';
import type { Client } from '@temporalio/client';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import {
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import { randomUUID } from 'node:crypto';
import type { Config } from '../common/config';
import { loggerOptions, type Logger } from '../common/logger';
import type { Database } from '../db/client';
import { registerAuthentication } from './auth/plugin';
import { registerErrorHandler } from './errors';
import { registerInputGuard } from './input-guard';
import { registerRoutes } from './routes';
import type { FileStore } from './uploads/store';
import { registerWebApp } from './web';

export interface TemporalDeps {
  client: Client;
  namespace: string;
  taskQueue: string;
}

export interface AppDeps {
  config: Config;
  db: Database;
  /** Checks that the database responds. */
  pingDatabase: () => Promise<void>;
  temporal: TemporalDeps;
  files: FileStore;
  /** A parent logger to reuse; otherwise Fastify creates one from the configured level. */
  logger?: Logger;
}

export type App = FastifyInstance;

/** Fastify's trustProxy from TRUST_PROXY: a flag, or a list of proxy addresses. */
function trustProxySetting(value: string): boolean | string[] {
  if (value === 'true') return true;
  if (value === 'false' || value === '') return false;
  return value.split(',').map((address) => address.trim());
}

export async function buildApp(deps: AppDeps): Promise<App> {
  const base = Fastify({
    loggerInstance: deps.logger as FastifyBaseLogger | undefined,
    ...(deps.logger ? {} : { logger: loggerOptions(deps.config.LOG_LEVEL) }),
    genReqId: (request) => {
      const given = request.headers['x-request-id'];
      return typeof given === 'string' && /^[\w.-]{1,64}$/.test(given) ? given : randomUUID();
    },
    requestIdHeader: false,
    trustProxy: trustProxySetting(deps.config.TRUST_PROXY),
    bodyLimit: 1024 * 1024,
    // Longer than any valid parameter, so a long one reaches its schema and gets a 400, not a 414.
    routerOptions: { maxParamLength: 500 },
  });
  registerErrorHandler(base);
  const app = base.withTypeProvider<ZodTypeProvider>();

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.addHook('onSend', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });

  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: { title: 'Khidmat API', version: '1' },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: 'khidmat_session' },
          token: { type: 'http', scheme: 'bearer' },
        },
      },
    },
    transform: jsonSchemaTransform,
  });
  await app.register(cookie);
  await app.register(multipart, {
    limits: {
      fileSize: deps.config.ATTACHMENT_MAX_BYTES,
      // One file per upload request; ATTACHMENT_MAX_COUNT limits the files of one case message.
      files: 2,
      fields: 10,
    },
  });

  registerAuthentication(base, deps.db);
  registerInputGuard(base);
  await app.register(registerRoutes(deps), { prefix: '/api/v1' });
  app.get('/api/v1/openapi.json', { schema: { hide: true } }, () => app.swagger());
  await registerWebApp(base);
  return app;
}
