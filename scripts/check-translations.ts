/**
 * Checks that every Malay translation source has exactly the keys of its English counterpart,
 * nested keys included, and exits with status 1 naming each missing key and the file it is
 * missing from.
 *
 *   tsx scripts/check-translations.ts                  checks every pair in `translationSources`
 *   tsx scripts/check-translations.ts MS_FILE EN_FILE  checks the given pair (.json, .ts or .js)
 */
import { existsSync, readFileSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export interface TranslationPair {
  /** Label of the pair in messages, such as 'web app'. */
  name: string;
  ms: string;
  en: string;
}

/** Every Malay/English pair in the project, relative to the repository root. */
export const translationSources: TranslationPair[] = [
  {
    name: 'notification templates',
    ms: 'activities/notifications/templates/ms.ts',
    en: 'activities/notifications/templates/en.ts',
  },
  { name: 'web app', ms: 'web/src/i18n/ms.json', en: 'web/src/i18n/en.json' },
  {
    name: 'web app administration',
    ms: 'web/src/i18n/admin.ms.json',
    en: 'web/src/i18n/admin.en.json',
  },
  {
    name: 'web app service levels',
    ms: 'web/src/i18n/sla.ms.json',
    en: 'web/src/i18n/sla.en.json',
  },
  {
    name: 'web app reports',
    ms: 'web/src/i18n/reports.ms.json',
    en: 'web/src/i18n/reports.en.json',
  },
  {
    name: 'web app approvals and facilities',
    ms: 'web/src/i18n/approvals.ms.json',
    en: 'web/src/i18n/approvals.en.json',
  },
  {
    name: 'web app loans and inventory',
    ms: 'web/src/i18n/loans.ms.json',
    en: 'web/src/i18n/loans.en.json',
  },
  {
    name: 'web app ceremony support',
    ms: 'web/src/i18n/ceremony.ms.json',
    en: 'web/src/i18n/ceremony.en.json',
  },
  {
    name: 'web app e-mail channel',
    ms: 'web/src/i18n/mail.ms.json',
    en: 'web/src/i18n/mail.en.json',
  },
  {
    name: 'web app surveys',
    ms: 'web/src/i18n/surveys.ms.json',
    en: 'web/src/i18n/surveys.en.json',
  },
  {
    name: 'web app SLA policies and approval rules',
    ms: 'web/src/i18n/policies.ms.json',
    en: 'web/src/i18n/policies.en.json',
  },
  {
    name: 'web app ICT projects',
    ms: 'web/src/i18n/projects.ms.json',
    en: 'web/src/i18n/projects.en.json',
  },
];

export interface PairReport {
  pair: TranslationPair;
  /** Keys present in English but missing from the Malay file. */
  missingInMs: string[];
  /** Keys present in Malay but missing from the English file. */
  missingInEn: string[];
}

const root = fileURLToPath(new URL('..', import.meta.url));

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const prototype = Object.getPrototypeOf(value) as unknown;
  return prototype === Object.prototype || prototype === null;
}

/**
 * Lists the dotted paths of every leaf of a translation tree. Strings, functions (templates that
 * take data) and arrays are leaves; plain objects are walked into.
 */
export function collectKeys(tree: unknown, prefix = ''): string[] {
  if (!isPlainObject(tree)) return prefix === '' ? [] : [prefix];
  const keys: string[] = [];
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix === '' ? key : `${prefix}.${key}`;
    if (isPlainObject(value)) keys.push(...collectKeys(value, path));
    else keys.push(path);
  }
  return keys;
}

/**
 * Loads a translation tree: JSON as parsed, a module as its default export, else its only export,
 * else the object of all its named exports.
 */
export async function loadTranslations(path: string): Promise<unknown> {
  if (path.endsWith('.json')) return JSON.parse(readFileSync(path, 'utf8')) as unknown;

  const module = (await import(pathToFileURL(path).href)) as Record<string, unknown>;
  if (module.default !== undefined) return module.default;
  const names = Object.keys(module);
  if (names.length === 1) return module[names[0] as string];
  return { ...module };
}

export async function comparePair(pair: TranslationPair): Promise<PairReport> {
  const msKeys = new Set(collectKeys(await loadTranslations(pair.ms)));
  const enKeys = new Set(collectKeys(await loadTranslations(pair.en)));
  return {
    pair,
    missingInMs: [...enKeys].filter((key) => !msKeys.has(key)).sort(),
    missingInEn: [...msKeys].filter((key) => !enKeys.has(key)).sort(),
  };
}

function display(path: string): string {
  const relativePath = relative(root, path);
  return relativePath.startsWith('..') ? path : relativePath;
}

async function main(args: string[]): Promise<number> {
  if (args.length !== 0 && args.length !== 2) {
    console.error('Usage: tsx scripts/check-translations.ts [MS_FILE EN_FILE]');
    return 2;
  }

  const pairs: TranslationPair[] =
    args.length === 2
      ? [{ name: 'given pair', ms: resolve(args[0] as string), en: resolve(args[1] as string) }]
      : translationSources.map((pair) => ({
          ...pair,
          ms: resolve(root, pair.ms),
          en: resolve(root, pair.en),
        }));

  let problems = 0;
  let checked = 0;
  for (const pair of pairs) {
    const msExists = existsSync(pair.ms);
    const enExists = existsSync(pair.en);
    if (!msExists && !enExists) {
      console.log(`check-translations: ${pair.name}: neither file exists yet, skipped`);
      continue;
    }
    if (!msExists || !enExists) {
      const missing = msExists ? pair.en : pair.ms;
      const present = msExists ? pair.ms : pair.en;
      console.error(
        `check-translations: ${pair.name}: ${display(missing)} is missing (its counterpart ` +
          `${display(present)} exists); every Malay source needs an English one and the reverse`,
      );
      problems += 1;
      continue;
    }

    const report = await comparePair(pair);
    checked += 1;
    for (const key of report.missingInMs) {
      console.error(
        `check-translations: key "${key}" is missing from ${display(pair.ms)} ` +
          `(present in ${display(pair.en)})`,
      );
    }
    for (const key of report.missingInEn) {
      console.error(
        `check-translations: key "${key}" is missing from ${display(pair.en)} ` +
          `(present in ${display(pair.ms)})`,
      );
    }
    problems += report.missingInMs.length + report.missingInEn.length;
  }

  if (problems > 0) {
    console.error(`check-translations: ${problems} problem(s) found`);
    return 1;
  }
  console.log(`check-translations: ${checked} pair(s) have the same keys in Malay and English`);
  return 0;
}

if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  process.exitCode = await main(process.argv.slice(2));
}
