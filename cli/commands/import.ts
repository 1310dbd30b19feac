import { existsSync } from 'node:fs';
import type { Client } from '@temporalio/client';
import {
  defaultImportTimeZone,
  importServiceNowEventLog,
  type ImportSummary,
} from '../../activities/import/servicenow';
import { isValidTimeZone } from '../../activities/import/servicenow-format';
import {
  exitCodes,
  parseCommandArgs,
  requireOption,
  UsageError,
  type CliIo,
  type Command,
} from '../args';
import { progressReporter } from '../progress';
import { cliLogger, configOf, openConfiguredDatabase } from '../runtime';
import { connectTemporal } from '../temporal';

const formats = ['servicenow-eventlog'] as const;
/** Rejections listed in the summary; the rest are counted. */
const listedRejections = 20;

export const importCommand: Command = {
  name: 'import',
  summary: 'import cases from another service desk (a ServiceNow incident log)',
  help: [
    'Usage: khidmat import --format servicenow-eventlog [options] FILE',
    '',
    'Imports a ServiceNow incident audit log in CSV (one row per update of an incident, 36',
    'columns, "?" for empty values, dates as dd-mm-yyyy HH:MM). Each incident becomes one case',
    'with its status history; incidents still open get a running complaint workflow. Running the',
    'import again leaves unchanged incidents alone and updates changed ones. Malformed rows are',
    'rejected with their line, column and value, and the import goes on.',
    '',
    'Options:',
    '  --format FORMAT      format of FILE; the only one is servicenow-eventlog (required)',
    `  --timezone ZONE      IANA time zone of the file's dates (default ${defaultImportTimeZone})`,
    '  --dry-run            read and check FILE and report what would change, writing nothing',
    '  --skip-workflows     record open cases without starting workflows; a later import',
    '                       with Temporal reachable starts them',
    '  -h, --help           show this help',
    '',
    'Temporal is reached at TEMPORAL_ADDRESS (namespace TEMPORAL_NAMESPACE, task queue',
    'TEMPORAL_TASK_QUEUE). Exit status: 0 when the import completed, even with rejected rows.',
    '',
  ].join('\n'),

  async run(args, io) {
    const { values, positionals } = parseCommandArgs(
      'import',
      args,
      {
        format: { type: 'string' },
        timezone: { type: 'string' },
        'dry-run': { type: 'boolean' },
        'skip-workflows': { type: 'boolean' },
      },
      true,
    );
    if (values.help) {
      io.stdout.write(this.help);
      return exitCodes.ok;
    }

    const format = requireOption('import', 'format', values.format);
    if (!(formats as readonly string[]).includes(format)) {
      throw new UsageError(
        `Option '--format' has an unknown value '${format}': use ${formats.join(', ')}.`,
        'import',
      );
    }
    const timeZone = values.timezone ?? defaultImportTimeZone;
    if (!isValidTimeZone(timeZone)) {
      throw new UsageError(
        `Option '--timezone' has an invalid value '${timeZone}': use an IANA name such as Asia/Kuala_Lumpur.`,
        'import',
      );
    }
    if (positionals.length !== 1) {
      throw new UsageError(`Expected one FILE to import, got ${positionals.length}.`, 'import');
    }
    const file = positionals[0] as string;
    if (!existsSync(file)) throw new UsageError(`The file '${file}' does not exist.`, 'import');

    const dryRun = values['dry-run'] === true;
    const config = configOf(io);
    const logger = cliLogger(io);
    const handle = await openConfiguredDatabase(config);
    let temporal: { client: Client; close: () => Promise<void> } | null = null;
    try {
      if (!dryRun && values['skip-workflows'] !== true) temporal = await connectTemporal(config);
      const progress = progressReporter(io);
      const summary = await importServiceNowEventLog({
        db: handle.db,
        temporalClient: temporal?.client ?? null,
        taskQueue: config.TEMPORAL_TASK_QUEUE,
        logger,
        onProgress: progress.report,
        file,
        timeZone,
        dryRun,
        confirmationWindowMs: config.CONFIRMATION_WINDOW_HOURS * 60 * 60 * 1000,
        warningShare: config.SLA_WARNING_SHARE,
      });
      progress.finish();
      printSummary(summary, io, temporal === null && !dryRun);
    } finally {
      await temporal?.close();
      await handle.close();
    }
    return exitCodes.ok;
  },
};

function printSummary(summary: ImportSummary, io: CliIo, workflowsSkipped: boolean): void {
  const out = (line: string): void => {
    io.stdout.write(`${line}\n`);
  };
  out(summary.dryRun ? 'Dry run: nothing was written.' : 'Import finished.');
  out(`  rows read:          ${summary.rowsRead}`);
  out(`  rows rejected:      ${summary.rowsRejected}`);
  out(`  incidents seen:     ${summary.incidentsSeen}`);
  out(`  cases created:      ${summary.casesCreated}`);
  out(`  cases updated:      ${summary.casesUpdated}`);
  out(`  cases unchanged:    ${summary.casesUnchanged}`);
  if (!summary.dryRun) {
    out(`  workflows started:  ${summary.workflowsStarted}`);
    if (summary.workflowsAlreadyRunning > 0) {
      out(`  workflows already running: ${summary.workflowsAlreadyRunning}`);
    }
    if (summary.workflowsNotStarted > 0) {
      const reason = workflowsSkipped
        ? 'Temporal was skipped; run the import again without --skip-workflows to start them'
        : 'see the failures below; run the import again to retry';
      out(`  workflows not started: ${summary.workflowsNotStarted} (${reason})`);
    }
  }

  if (summary.rowsRejected > 0) {
    out('Rejected rows:');
    for (const rejection of summary.rejections.slice(0, listedRejections)) {
      const where = rejection.column ? `, ${rejection.column} = "${rejection.value ?? ''}"` : '';
      out(`  line ${rejection.line}${where}: ${rejection.reason}`);
    }
    if (summary.rowsRejected > listedRejections) {
      out(`  ... and ${summary.rowsRejected - listedRejections} more`);
    }
  }
  for (const failure of summary.workflowFailures.slice(0, listedRejections)) {
    out(`Workflow of ${failure.reference} (${failure.number}) not started: ${failure.message}`);
  }
}
