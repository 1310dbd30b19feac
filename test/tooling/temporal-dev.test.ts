import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { z } from 'zod';
import { loadConfig } from '../../common/config';

const composePath = fileURLToPath(new URL('../../temporal-dev.yml', import.meta.url));

const serviceSchema = z.object({
  image: z.string(),
  ports: z.array(z.string()).optional(),
  environment: z.record(z.string(), z.string()).optional(),
  depends_on: z.unknown().optional(),
});
const composeSchema = z.object({
  services: z.record(z.string(), serviceSchema),
  'x-khidmat-environment': z.record(z.string(), z.string()),
});

const compose = composeSchema.parse(parse(readFileSync(composePath, 'utf8')));

function service(name: string) {
  const found = compose.services[name];
  if (!found) throw new Error(`temporal-dev.yml has no service ${name}`);
  return found;
}

/** Returns the container port published on the given host port, or undefined. */
function containerPortFor(name: string, hostPort: number): number | undefined {
  for (const mapping of service(name).ports ?? []) {
    const [host, container] = mapping.split(':');
    if (Number(host) === hostPort) return Number(container);
  }
  return undefined;
}

function portOf(address: string): number {
  return Number(new URL(address.includes('://') ? address : `grpc://${address}`).port);
}

describe('temporal-dev.yml', () => {
  it('runs Temporal with PostgreSQL persistence', () => {
    const temporal = service('temporal');
    expect(temporal.image).toMatch(/^temporalio\/(auto-setup|server):/);
    expect(temporal.environment?.DB).toMatch(/^postgres/);
    expect(temporal.environment?.POSTGRES_SEEDS).toBe('temporal-postgresql');
    expect(service('temporal-postgresql').image).toMatch(/^postgres:/);
  });

  it('publishes the Temporal frontend on 7233', () => {
    expect(containerPortFor('temporal', 7233)).toBe(7233);
  });

  it('publishes the Temporal UI on 8233', () => {
    const ui = service('temporal-ui');
    expect(ui.image).toMatch(/^temporalio\/ui:/);
    expect(containerPortFor('temporal-ui', 8233)).toBe(8080);
    expect(ui.environment?.TEMPORAL_ADDRESS).toBe('temporal:7233');
  });

  it('publishes PostgreSQL 15 or newer for Khidmat on 5432', () => {
    const postgres = service('khidmat-postgresql');
    const major = Number(/^postgres:(\d+)/.exec(postgres.image)?.[1]);
    expect(major).toBeGreaterThanOrEqual(15);
    expect(containerPortFor('khidmat-postgresql', 5432)).toBe(5432);
  });

  it('does not publish two services on one host port', () => {
    const hostPorts = Object.keys(compose.services).flatMap((name) =>
      (service(name).ports ?? []).map((mapping) => mapping.split(':')[0]),
    );
    expect(new Set(hostPorts).size).toBe(hostPorts.length);
  });

  it('documents a Khidmat environment matching the services', () => {
    const env = compose['x-khidmat-environment'];
    const config = loadConfig({ ...env });

    expect(config.TEMPORAL_ADDRESS).toBe(env.TEMPORAL_ADDRESS);
    expect(portOf(config.TEMPORAL_ADDRESS)).toBe(7233);
    expect(portOf(config.TEMPORAL_UI_URL)).toBe(8233);

    const databaseUrl = new URL(config.DATABASE_URL ?? '');
    const postgres = service('khidmat-postgresql').environment ?? {};
    expect(Number(databaseUrl.port)).toBe(5432);
    expect(databaseUrl.username).toBe(postgres.POSTGRES_USER);
    expect(databaseUrl.password).toBe(postgres.POSTGRES_PASSWORD);
    expect(databaseUrl.pathname).toBe(`/${postgres.POSTGRES_DB}`);
  });

  it('uses the defaults of common/config.ts for Temporal', () => {
    const defaults = loadConfig({});
    const env = compose['x-khidmat-environment'];
    expect(portOf(defaults.TEMPORAL_ADDRESS)).toBe(portOf(env.TEMPORAL_ADDRESS ?? ''));
    expect(defaults.TEMPORAL_UI_URL).toBe(env.TEMPORAL_UI_URL);
    expect(defaults.TEMPORAL_NAMESPACE).toBe(env.TEMPORAL_NAMESPACE);
  });
});
