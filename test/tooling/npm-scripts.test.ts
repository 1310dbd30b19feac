import { existsSync, readFileSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));
const packageJson = JSON.parse(readFileSync(`${root}package.json`, 'utf8')) as {
  scripts: Record<string, string>;
};
const scripts = packageJson.scripts;

describe('npm scripts', () => {
  it.each(['demo', 'start', 'api', 'worker', 'test', 'check', 'bench', 'lint', 'format'])(
    'defines %s',
    (name) => {
      expect(scripts[name]).toBeTruthy();
    },
  );

  it.each(['demo', 'start', 'api', 'worker', 'bench', 'check:translations'])(
    '%s runs a file that exists',
    (name) => {
      const file = /^tsx (\S+)/.exec(scripts[name] ?? '')?.[1];
      expect(file).toBeDefined();
      expect(existsSync(`${root}${file}`)).toBe(true);
    },
  );

  it('check runs every stage and ends with npm test', () => {
    const check = scripts.check ?? '';
    for (const stage of [
      'format:check',
      'lint',
      'typecheck',
      'check:translations',
      'test:replay',
    ]) {
      expect(check).toContain(`npm run ${stage}`);
    }
    // .ci/run appends vitest's reporter options to the end of `npm run check`.
    expect(check).toMatch(/&& npm test$/);
  });

  it('lint allows no warnings', () => {
    expect(scripts.lint).toContain('--max-warnings 0');
  });

  it('.ci/run is executable', () => {
    expect(statSync(`${root}.ci/run`).mode & 0o111).not.toBe(0);
  });
});
