/** Free TCP ports on 127.0.0.1 for servers that a test starts in a child process. */
import { createServer } from 'node:net';

/**
 * Returns a port that was free on 127.0.0.1 a moment ago, found by listening on port 0 and closing
 * again. Another process may take it before the caller binds it, which is rare enough for tests.
 */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => {
        if (typeof address === 'object' && address !== null) resolve(address.port);
        else reject(new Error('listening on port 0 of 127.0.0.1 returned no TCP address'));
      });
    });
  });
}
