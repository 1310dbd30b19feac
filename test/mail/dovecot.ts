/**
 * A real IMAP server for tests: Debian's dovecot (package dovecot-imapd) started on 127.0.0.1 on
 * a free port, with its configuration, passwd-file and maildirs in a temporary directory.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import {
  chmodSync,
  chownSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { createConnection } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../helpers/ports';

export const dovecotPath = process.env.DOVECOT_PATH ?? '/usr/sbin/dovecot';

export interface Dovecot {
  port: number;
  user: string;
  password: string;
  stop(): Promise<void>;
}

function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

/** Numeric ids of the dovecot system user, which dovecot needs when it runs as root. */
function systemUser(name: string): { uid: number; gid: number } | null {
  try {
    const line = readFileSync('/etc/passwd', 'utf8')
      .split('\n')
      .find((entry: string) => entry.startsWith(`${name}:`));
    if (!line) return null;
    const fields = line.split(':');
    return { uid: Number(fields[2]), gid: Number(fields[3]) };
  } catch {
    return null;
  }
}

export function dovecotAvailable(): boolean {
  return existsSync(dovecotPath);
}

export async function startDovecot(): Promise<Dovecot> {
  const dir = mkdtempSync(join(tmpdir(), 'khidmat-dovecot-'));
  const port = await freePort();
  const user = 'aduan';
  const password = 'kata-laluan-imap';
  const me = userInfo();
  const asRoot = me.uid === 0;
  const mailOwner = asRoot ? systemUser('dovecot') : { uid: me.uid, gid: me.gid };
  if (!mailOwner)
    throw new Error('dovecot runs as root here but the dovecot system user is missing');
  const internalUser = asRoot ? 'dovenull' : me.username;
  const internalGroup = asRoot ? 'dovenull' : me.username;

  // The auth process (the internal user) reads the passwd-file, so the directory must be searchable.
  chmodSync(dir, 0o755);
  for (const sub of ['run', 'state', 'mail', 'home'])
    mkdirSync(join(dir, sub), { recursive: true });
  if (asRoot) {
    chownSync(join(dir, 'mail'), mailOwner.uid, mailOwner.gid);
    chownSync(join(dir, 'home'), mailOwner.uid, mailOwner.gid);
  }
  writeFileSync(join(dir, 'passwd'), `${user}:{PLAIN}${password}\n`);
  writeFileSync(
    join(dir, 'dovecot.conf'),
    [
      'protocols = imap',
      'listen = 127.0.0.1',
      `base_dir = ${dir}/run`,
      `state_dir = ${dir}/state`,
      `log_path = ${dir}/dovecot.log`,
      'ssl = no',
      'disable_plaintext_auth = no',
      'auth_mechanisms = plain login',
      `mail_location = maildir:${dir}/mail/%u`,
      'first_valid_uid = 1',
      `default_internal_user = ${internalUser}`,
      `default_internal_group = ${internalGroup}`,
      `default_login_user = ${internalUser}`,
      'passdb {',
      '  driver = passwd-file',
      `  args = scheme=PLAIN username_format=%u ${dir}/passwd`,
      '}',
      'userdb {',
      '  driver = static',
      `  args = uid=${mailOwner.uid} gid=${mailOwner.gid} home=${dir}/home/%u`,
      '}',
      'service imap-login {',
      '  inet_listener imap {',
      '    address = 127.0.0.1',
      `    port = ${port}`,
      '  }',
      '  inet_listener imaps {',
      '    port = 0',
      '  }',
      '}',
      '',
    ].join('\n'),
  );

  const child: ChildProcess = spawn(dovecotPath, ['-F', '-c', join(dir, 'dovecot.conf')], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));

  for (let attempt = 0; attempt < 100; attempt += 1) {
    if (await accepts(port)) {
      return {
        port,
        user,
        password,
        async stop() {
          child.kill('SIGTERM');
          await exited;
          rmSync(dir, { recursive: true, force: true });
        },
      };
    }
    if (child.exitCode !== null) break;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  child.kill('SIGKILL');
  throw new Error(`dovecot did not listen on 127.0.0.1:${port}: ${stderr}`);
}
