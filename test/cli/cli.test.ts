import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));
const bin = join(root, 'bin/khidmat.js');
const sampleFile = join(root, 'test/fixtures/servicenow/sample.csv');
const run = promisify(execFile);

interface Outcome {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the CLI as users do, through bin/khidmat.js, without a terminal and on the embedded database. */
async function khidmat(args: string[], env: NodeJS.ProcessEnv = {}): Promise<Outcome> {
  const childEnv: NodeJS.ProcessEnv = { ...process.env, ...env };
  delete childEnv.DATABASE_URL;
  if (env.KHIDMAT_ADMIN_PASSWORD === undefined) delete childEnv.KHIDMAT_ADMIN_PASSWORD;
  try {
    const { stdout, stderr } = await run(process.execPath, [bin, ...args], {
      cwd: root,
      env: childEnv,
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failure = error as { code?: number; stdout?: string; stderr?: string };
    return { code: failure.code ?? -1, stdout: failure.stdout ?? '', stderr: failure.stderr ?? '' };
  }
}

const commandNames = ['migrate', 'import', 'mail-import', 'create-admin', 'backup', 'restore'];

describe.concurrent('khidmat CLI usage', () => {
  it('lists every command in the overview', async () => {
    const outcome = await khidmat(['--help']);
    expect(outcome.code).toBe(0);
    for (const name of commandNames) expect(outcome.stdout).toContain(`  ${name} `);
  });

  it.each(commandNames)('shows the help of %s', async (name) => {
    const outcome = await khidmat([name, '--help']);
    expect(outcome.code).toBe(0);
    expect(outcome.stdout).toContain(`Usage: khidmat ${name}`);
    expect(outcome.stdout).toContain('--help');
  });

  it.each(commandNames)('names an unknown option of %s', async (name) => {
    const outcome = await khidmat([name, '--colour']);
    expect(outcome.code).toBe(2);
    expect(outcome.stderr).toContain("'--colour'");
    expect(outcome.stderr).toContain(`khidmat ${name} --help`);
  });

  it('rejects an unknown command', async () => {
    const outcome = await khidmat(['export']);
    expect(outcome.code).toBe(2);
    expect(outcome.stderr).toContain("Unknown command 'export'");
  });

  it('names a missing or invalid import option', async () => {
    const missingFormat = await khidmat(['import', sampleFile]);
    expect(missingFormat.code).toBe(2);
    expect(missingFormat.stderr).toContain("'--format' is required");

    const badFormat = await khidmat(['import', '--format', 'jira', sampleFile]);
    expect(badFormat.code).toBe(2);
    expect(badFormat.stderr).toContain("'--format' has an unknown value 'jira'");

    const badZone = await khidmat([
      'import',
      '--format',
      'servicenow-eventlog',
      '--timezone',
      'Mars/Olympus',
      sampleFile,
    ]);
    expect(badZone.code).toBe(2);
    expect(badZone.stderr).toContain("'--timezone' has an invalid value 'Mars/Olympus'");
  });

  it('names an invalid administrator e-mail', async () => {
    const outcome = await khidmat(['create-admin', '--email', 'not-an-address']);
    expect(outcome.code).toBe(2);
    expect(outcome.stderr).toContain("'--email' has an invalid value 'not-an-address'");
  });

  it('mail-import without files is a usage error', async () => {
    const outcome = await khidmat(['mail-import', '--store-only']);
    expect(outcome.code).toBe(2);
    expect(outcome.stderr).toContain('Expected at least one FILE to import.');
    expect(outcome.stderr).toContain('khidmat mail-import --help');
    expect(outcome.stdout).toBe('');
  });
});

describe('khidmat CLI on the embedded database', () => {
  const workDir = mkdtempSync(join(tmpdir(), 'khidmat-cli-'));
  const env = { DATA_DIR: join(workDir, 'data') };

  afterAll(() => {
    rmSync(workDir, { recursive: true, force: true });
  });

  it('migrates, imports, backs up and restores', async () => {
    expect((await khidmat(['migrate'], env)).code).toBe(0);

    const imported = await khidmat(
      ['import', '--format', 'servicenow-eventlog', '--skip-workflows', sampleFile],
      env,
    );
    expect(imported.code).toBe(0);
    expect(imported.stdout).toContain('cases created:      9');
    expect(imported.stdout).toContain('line 18, priority = "9 - Urgent"');

    const archive = join(workDir, 'backup.tar.gz');
    const backup = await khidmat(['backup', '--output', archive], env);
    expect(backup.code).toBe(0);
    expect(existsSync(archive)).toBe(true);

    const restoreEnv = { DATA_DIR: join(workDir, 'restored') };
    const restored = await khidmat(['restore', '--input', archive], restoreEnv);
    expect(restored.code).toBe(0);
    const again = await khidmat(
      ['import', '--format', 'servicenow-eventlog', '--skip-workflows', sampleFile],
      restoreEnv,
    );
    expect(again.stdout).toContain('cases unchanged:    9');

    const overwrite = await khidmat(['restore', '--input', archive], restoreEnv);
    expect(overwrite.code).toBe(1);
    expect(overwrite.stderr).toContain('--force');
  }, 180_000);

  it('creates an administrator with a one-time password', async () => {
    const created = await khidmat(['create-admin', '--email', 'Ketua@Example.edu.my'], env);
    expect(created.code).toBe(0);
    expect(created.stdout).toContain('Administrator ketua@example.edu.my created.');
    expect(created.stdout).toMatch(/One-time password: +[A-Za-z0-9_-]{24}\n/);

    const duplicate = await khidmat(['create-admin', '--email', 'ketua@example.edu.my'], env);
    expect(duplicate.code).toBe(1);
    expect(duplicate.stderr).toContain('already exists');
  }, 120_000);
});
