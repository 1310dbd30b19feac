/**
 * The e-mail channel's figures: how many inbound messages per second are stored raw, and how many
 * stored messages per second are processed into new complaints (workflow started and recorded).
 * Measured against the running bench worker and database; each message has its own sender and
 * Message-ID, so none is a duplicate or rate-limited.
 */
import { performance } from 'node:perf_hooks';
import { processStoredMessage, type MailProcessorDeps } from '../activities/mail/process';
import { storeRawMessage } from '../activities/mail/store';

function sampleMessage(index: number): Buffer {
  return Buffer.from(
    [
      `From: Pelanggan ${index} <bench-${index}@utm.my>`,
      `Subject: Aduan ukur prestasi ${index}`,
      `Message-ID: <bench-${index}-${Date.now()}@utm.my>`,
      'Content-Type: text/plain; charset=utf-8',
      '',
      `Pencetak nombor ${index} tidak berfungsi.`,
      '',
    ].join('\r\n'),
  );
}

export async function measureMailFigures(deps: MailProcessorDeps, count: number) {
  const ids: string[] = [];
  const storeStart = performance.now();
  for (let index = 0; index < count; index += 1) {
    const stored = await storeRawMessage(deps.db, {
      raw: sampleMessage(index),
      source: 'cli',
      mailboxId: null,
      receivedAt: new Date(),
    });
    ids.push(stored.id);
  }
  const storeSeconds = (performance.now() - storeStart) / 1000;

  const processStart = performance.now();
  for (const id of ids) await processStoredMessage(deps, id);
  const processSeconds = (performance.now() - processStart) / 1000;

  const figures = {
    messages: count,
    storedPerSecond: Math.round((count / storeSeconds) * 10) / 10,
    processedPerSecond: Math.round((count / processSeconds) * 10) / 10,
  };
  console.log(
    `mail intake: ${figures.storedPerSecond} messages stored and ` +
      `${figures.processedPerSecond} processed into new cases per second (${count} messages, one at a time)`,
  );
  return figures;
}
