/** A Temporal client for commands, from TEMPORAL_ADDRESS, TEMPORAL_NAMESPACE and the TLS options. */
import { readFileSync } from 'node:fs';
import { Client, Connection, type TLSConfig } from '@temporalio/client';
import type { Config } from '../common/config';
import { AppError } from '../common/errors';

function tlsOf(config: Config): TLSConfig | boolean {
  const certPath = config.TEMPORAL_TLS_CERT_PATH;
  const keyPath = config.TEMPORAL_TLS_KEY_PATH;
  if ((certPath === undefined) !== (keyPath === undefined)) {
    throw new AppError(
      'validation_failed',
      'TEMPORAL_TLS_CERT_PATH and TEMPORAL_TLS_KEY_PATH must be set together.',
    );
  }
  const tls: TLSConfig = {};
  if (certPath && keyPath) {
    tls.clientCertPair = { crt: readFileSync(certPath), key: readFileSync(keyPath) };
  }
  if (config.TEMPORAL_TLS_CA_PATH)
    tls.serverRootCACertificate = readFileSync(config.TEMPORAL_TLS_CA_PATH);
  if (config.TEMPORAL_TLS_SERVER_NAME) tls.serverNameOverride = config.TEMPORAL_TLS_SERVER_NAME;
  const wantsTls = Object.keys(tls).length > 0 || config.TEMPORAL_API_KEY !== undefined;
  return wantsTls ? tls : false;
}

/** Connects within 10 seconds, or fails with a message that names the address. */
export async function connectTemporal(
  config: Config,
): Promise<{ client: Client; close: () => Promise<void> }> {
  let connection: Connection;
  try {
    connection = await Connection.connect({
      address: config.TEMPORAL_ADDRESS,
      tls: tlsOf(config),
      apiKey: config.TEMPORAL_API_KEY,
      connectTimeout: '10 seconds',
    });
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw new AppError(
      'temporal_unavailable',
      `Could not connect to Temporal at ${config.TEMPORAL_ADDRESS} (${(error as Error).message}). ` +
        'Start Temporal or set TEMPORAL_ADDRESS.',
    );
  }
  const client = new Client({ connection, namespace: config.TEMPORAL_NAMESPACE });
  return { client, close: () => connection.close() };
}
