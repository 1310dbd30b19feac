import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));
const script = join(root, 'scripts/check-translations.ts');

function runCheck(...args: string[]) {
  const result = spawnSync(process.execPath, ['--import', 'tsx', script, ...args], {
    cwd: root,
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

describe('translation key parity', () => {
  let dir: string;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'khidmat-i18n-'));
  });

  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('passes when both files have the same nested keys', () => {
    const ms = join(dir, 'ms.json');
    const en = join(dir, 'en.json');
    writeFileSync(ms, JSON.stringify({ case: { title: 'Aduan', status: { open: 'Dibuka' } } }));
    writeFileSync(en, JSON.stringify({ case: { title: 'Complaint', status: { open: 'Open' } } }));

    const { status, output } = runCheck(ms, en);

    expect(output).toContain('same keys');
    expect(status).toBe(0);
  });

  it('fails naming a nested key missing from Malay', () => {
    const ms = join(dir, 'ms.json');
    const en = join(dir, 'en.json');
    writeFileSync(ms, JSON.stringify({ case: { title: 'Aduan', status: {} } }));
    writeFileSync(en, JSON.stringify({ case: { title: 'Complaint', status: { open: 'Open' } } }));

    const { status, output } = runCheck(ms, en);

    expect(status).toBe(1);
    expect(output).toContain('"case.status.open" is missing from');
    expect(output).toContain(ms);
  });

  it('fails naming a key missing from English', () => {
    const ms = join(dir, 'ms.json');
    const en = join(dir, 'en.json');
    writeFileSync(ms, JSON.stringify({ greeting: 'Salam', farewell: 'Selamat tinggal' }));
    writeFileSync(en, JSON.stringify({ greeting: 'Hello' }));

    const { status, output } = runCheck(ms, en);

    expect(status).toBe(1);
    expect(output).toContain(`"farewell" is missing from ${en}`);
  });

  it('reads TypeScript template modules with function leaves', () => {
    const ms = join(dir, 'ms.ts');
    const en = join(dir, 'en.ts');
    writeFileSync(
      ms,
      'export const ms = { caseReceived: { subject: (r: string) => `Aduan ${r}` } };\n',
    );
    writeFileSync(
      en,
      'export const en = { caseReceived: { subject: (r: string) => `Complaint ${r}`, ' +
        'body: () => "Received" } };\n',
    );

    const { status, output } = runCheck(ms, en);

    expect(status).toBe(1);
    expect(output).toContain(`"caseReceived.body" is missing from ${ms}`);
    expect(output).not.toContain('"caseReceived.subject"');
  });

  it('fails when one file of a pair is absent', () => {
    const ms = join(dir, 'ms.json');
    writeFileSync(ms, JSON.stringify({ greeting: 'Salam' }));

    const { status, output } = runCheck(ms, join(dir, 'en.json'));

    expect(status).toBe(1);
    expect(output).toContain('en.json is missing');
  });

  it('passes on the translation sources of the project', () => {
    const { status, output } = runCheck();

    expect(output).not.toContain('is missing');
    expect(status).toBe(0);
  });
});
