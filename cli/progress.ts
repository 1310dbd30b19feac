/**
 * Progress of the import on standard error: a redrawn bar on a terminal, and a line every few
 * seconds otherwise, so that logs of scripted runs stay short.
 */
import type { ImportProgress } from '../activities/import/servicenow';
import type { CliIo } from './args';

const barWidth = 30;
const lineIntervalMs = 5_000;

export function progressReporter(io: CliIo): {
  report: (progress: ImportProgress) => void;
  finish: () => void;
} {
  const terminal = io.stderr.isTTY === true;
  let lastLineAt = 0;
  let drawn = false;

  const text = (progress: ImportProgress): string => {
    if (progress.phase === 'reading') {
      return `reading: ${progress.rowsRead} rows, ${progress.rowsRejected} rejected`;
    }
    const { incidentsDone, incidentsTotal } = progress;
    const share = incidentsTotal === 0 ? 1 : incidentsDone / incidentsTotal;
    if (!terminal) return `writing: ${incidentsDone}/${incidentsTotal} incidents`;
    const filled = Math.round(share * barWidth);
    const bar = '#'.repeat(filled) + '.'.repeat(barWidth - filled);
    return `writing: [${bar}] ${incidentsDone}/${incidentsTotal} incidents (${Math.floor(share * 100)}%)`;
  };

  return {
    report(progress) {
      if (terminal) {
        io.stderr.write(`\r\u001b[2K${text(progress)}`);
        drawn = true;
        return;
      }
      const now = Date.now();
      const done =
        progress.phase === 'writing' && progress.incidentsDone === progress.incidentsTotal;
      if (now - lastLineAt >= lineIntervalMs || done) {
        lastLineAt = now;
        io.stderr.write(`${text(progress)}\n`);
      }
    },
    finish() {
      if (terminal && drawn) io.stderr.write('\n');
    },
  };
}
