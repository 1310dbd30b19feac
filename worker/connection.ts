/** Options of the worker's connection to Temporal, from the configuration. */
import { readFile } from 'node:fs/promises';
import type { NativeConnectionOptions } from '@temporalio/worker';
import type { Config } from '../common/config';

/** Connection options from the configuration, with TLS and an API key for a remote cluster. */
export async function connectionOptions(config: Config): Promise<NativeConnectionOptions> {
  const options: NativeConnectionOptions = { address: config.TEMPORAL_ADDRESS };
  const certPath = config.TEMPORAL_TLS_CERT_PATH;
  const keyPath = config.TEMPORAL_TLS_KEY_PATH;
  if (Boolean(certPath) !== Boolean(keyPath)) {
    throw new Error('TEMPORAL_TLS_CERT_PATH and TEMPORAL_TLS_KEY_PATH must be set together');
  }
  const usesTls =
    certPath !== undefined ||
    config.TEMPORAL_TLS_CA_PATH !== undefined ||
    config.TEMPORAL_TLS_SERVER_NAME !== undefined ||
    config.TEMPORAL_API_KEY !== undefined;
  if (usesTls) {
    options.tls = {
      ...(config.TEMPORAL_TLS_SERVER_NAME
        ? { serverNameOverride: config.TEMPORAL_TLS_SERVER_NAME }
        : {}),
      ...(config.TEMPORAL_TLS_CA_PATH
        ? { serverRootCACertificate: await readFile(config.TEMPORAL_TLS_CA_PATH) }
        : {}),
      ...(certPath && keyPath
        ? { clientCertPair: { crt: await readFile(certPath), key: await readFile(keyPath) } }
        : {}),
    };
  }
  if (config.TEMPORAL_API_KEY) options.apiKey = config.TEMPORAL_API_KEY;
  return options;
}
