/**
 * The API for tests: the real Fastify app over a real database, driven with fastify.inject, and
 * helpers to sign in as a person.
 */
import { Client, Connection } from '@temporalio/client';
import { join } from 'node:path';
import { loadConfig, type Config } from '../../common/config';
import { buildApp, type App } from '../../api/app';
import { createFileStore } from '../../api/uploads/store';
import type { TestDatabase } from './db';
import { testPassword } from './factories';

export interface TestApp {
  app: App;
  config: Config;
}

export interface TestAppOptions {
  db: TestDatabase;
  /** A client of a running Temporal; without one, a lazy client of an unused port is given. */
  temporalClient?: Client;
  taskQueue?: string;
  env?: Record<string, string>;
}

export async function buildTestApp(options: TestAppOptions): Promise<TestApp> {
  const config = loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    DATA_DIR: options.db.dataDir,
    ...options.env,
  });
  const client =
    options.temporalClient ??
    new Client({ connection: Connection.lazy({ address: '127.0.0.1:1' }) });
  const app = await buildApp({
    config,
    db: options.db.db,
    pingDatabase: () => options.db.ping(),
    temporal: {
      client,
      namespace: client.options.namespace,
      taskQueue: options.taskQueue ?? config.TEMPORAL_TASK_QUEUE,
    },
    files: createFileStore(join(options.db.dataDir, 'files')),
  });
  await app.ready();
  return { app, config };
}

export interface Session {
  cookie: string;
  csrfToken: string;
  /** Headers for a signed-in write. */
  headers: { cookie: string; 'x-csrf-token': string };
}

/** Signs in through POST /api/v1/auth/login and returns the cookie and CSRF token. */
export async function signIn(app: App, email: string, password = testPassword): Promise<Session> {
  const response = await app.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    payload: { email, password },
  });
  if (response.statusCode !== 200) {
    throw new Error(`sign-in as ${email} failed: ${response.statusCode} ${response.body}`);
  }
  const setCookie = response.cookies.find((c) => c.name === 'khidmat_session');
  if (!setCookie) throw new Error('sign-in set no khidmat_session cookie');
  const cookie = `khidmat_session=${setCookie.value}`;
  const { csrfToken } = response.json<{ csrfToken: string }>();
  return { cookie, csrfToken, headers: { cookie, 'x-csrf-token': csrfToken } };
}
