/**
 * The `mailIntake` workflow, started by a mailbox's Temporal Schedule: fetch the mailbox into the
 * raw store, then process each stored message in its own activity. A message that fails every
 * attempt is quarantined by the activity and never stops the others.
 */
import { log, proxyActivities } from '@temporalio/workflow';
import type { MailActivities } from '../activities/mail';
import { mailProcessAttempts, type MailIntakeInput, type MailIntakeResult } from '../common/mail';

const { fetchMailbox } = proxyActivities<MailActivities>({
  startToCloseTimeout: '10 minutes',
  heartbeatTimeout: '2 minutes',
  retry: { maximumAttempts: 3, initialInterval: '10 seconds', backoffCoefficient: 2 },
});

const { processMailMessage } = proxyActivities<MailActivities>({
  startToCloseTimeout: '2 minutes',
  retry: {
    maximumAttempts: mailProcessAttempts,
    initialInterval: '2 seconds',
    backoffCoefficient: 2,
    maximumInterval: '1 minute',
  },
});

/** Messages processed at the same time; each one is its own activity. */
const parallelMessages = 4;

export async function mailIntake(input: MailIntakeInput): Promise<MailIntakeResult> {
  // Fetch: store every new message raw, then mark it on the server.
  const { ids } = await fetchMailbox({ mailboxId: input.mailboxId });

  // Process: one activity per stored message, a few at a time.
  let processed = 0;
  let failed = 0;
  for (let start = 0; start < ids.length; start += parallelMessages) {
    const slice = ids.slice(start, start + parallelMessages);
    const outcomes = await Promise.allSettled(slice.map((id) => processMailMessage({ id })));
    for (const [index, outcome] of outcomes.entries()) {
      if (outcome.status === 'fulfilled') {
        processed += 1;
      } else {
        failed += 1;
        log.warn('processing a stored e-mail failed', {
          mailId: slice[index],
          error: String(outcome.reason),
        });
      }
    }
  }
  return { fetched: ids.length, processed, failed };
}
