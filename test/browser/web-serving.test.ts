/**
 * How the API serves the built web app: files from web/dist, index.html for client-side routes,
 * cache headers, the page shown without a build, and /api paths left to the API.
 */
import Fastify, { type FastifyInstance } from 'fastify';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerErrorHandler } from '../../api/errors';
import { registerWebApp } from '../../api/web';

async function serverFor(distDir: string): Promise<FastifyInstance> {
  const app = Fastify();
  registerErrorHandler(app);
  app.get('/api/v1/health', () => ({ status: 'ok' }));
  await registerWebApp(app, { distDir });
  await app.ready();
  return app;
}

describe('web app serving', () => {
  let root: string;
  let app: FastifyInstance;

  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'khidmat-web-'));
    mkdirSync(join(root, 'dist/assets'), { recursive: true });
    writeFileSync(join(root, 'dist/index.html'), '<!doctype html><title>app</title>');
    writeFileSync(join(root, 'dist/assets/index-abc123.js'), 'console.log(1);');
    writeFileSync(join(root, 'dist/.secret'), 'hidden');
    writeFileSync(join(root, 'outside.txt'), 'outside');
    app = await serverFor(join(root, 'dist'));
  });

  afterAll(async () => {
    await app?.close();
    rmSync(root, { recursive: true, force: true });
  });

  it('index.html is served at / without caching', async () => {
    const response = await app.inject({ url: '/' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toContain('text/html');
    expect(response.headers['cache-control']).toBe('no-cache');
    expect(response.body).toContain('<title>app</title>');
  });

  it('client-side routes fall back to index.html', async () => {
    for (const url of [
      '/cases/ADU-2026-000001',
      '/rate/abcdefghijklmnopqrstuvwxyz',
      '/signin?next=%2F',
    ]) {
      const response = await app.inject({ url });
      expect(response.statusCode, url).toBe(200);
      expect(response.body, url).toContain('<title>app</title>');
      expect(response.headers['cache-control'], url).toBe('no-cache');
    }
  });

  it('hashed assets are cached for a year', async () => {
    const response = await app.inject({ url: '/assets/index-abc123.js' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toContain('javascript');
    expect(response.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(response.body).toBe('console.log(1);');
  });

  it('dot files and paths outside dist are not served', async () => {
    for (const url of ['/.secret', '/../outside.txt', '/assets/..%2F..%2Foutside.txt']) {
      const response = await app.inject({ url });
      expect(response.body, url).not.toContain('hidden');
      expect(response.body, url).not.toContain('outside');
    }
  });

  it('unknown /api paths stay JSON not_found', async () => {
    const response = await app.inject({ url: '/api/v1/no-such-route' });
    expect(response.statusCode).toBe(404);
    expect(response.json()).toMatchObject({ error: { code: 'not_found' } });
    const health = await app.inject({ url: '/api/v1/health' });
    expect(health.json()).toEqual({ status: 'ok' });
  });

  it('missing build shows how to build it', async () => {
    const unbuilt = await serverFor(join(root, 'no-dist'));
    try {
      const response = await unbuilt.inject({ url: '/cases/ADU-2026-000001' });
      expect(response.statusCode).toBe(503);
      expect(response.headers['content-type']).toContain('text/html');
      expect(response.body).toContain('npm run build:web');
    } finally {
      await unbuilt.close();
    }
  });
});
