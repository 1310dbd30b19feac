/**
 * The CSI e-mails, a page of invitations at a time: the invitation of each invited person, and
 * each reminder to those who have not answered. Every e-mail carries a new single-use link (only
 * its SHA-256 is stored) and goes through the outbox under the key `csi:<invitation>:invitation`
 * or `csi:<invitation>:reminder:<n>`, so a retried page sends nothing twice.
 */
import { and, asc, eq, isNotNull, isNull, lt, sql } from 'drizzle-orm';
import type { Language } from '../../common/enums';
import { csiCampaigns, csiInvitations, csiLinks, people } from '../../db/schema';
import { alreadyDelivered, deliverMessage, type OutboxDeps } from '../approvals/outbox';
import { randomSecret, sha256 } from '../identity/principals';
import { publicBaseUrl } from '../notifications/format';
import { renderCsiInvitation } from './messages';

/** Failed attempts after which a person gets no more CSI e-mails for the campaign. */
export const maxCsiSendFailures = 5;

export interface CsiSendPageRequest {
  campaignId: string;
  at: string;
  /** Invitations handled in this call. */
  limit: number;
}

export interface CsiReminderPageRequest extends CsiSendPageRequest {
  /** 1 for the first reminder, 2 for the second, and so on. */
  reminder: number;
}

export interface CsiSendPageResult {
  sent: number;
  recorded: number;
  /** People left out: inactive, or already e-mailed by an earlier attempt. */
  skipped: number;
  failed: number;
  /** False once no invitation is left for this e-mail. */
  more: boolean;
}

interface Recipient {
  invitationId: string;
  personId: string;
  email: string;
  name: string;
  language: string;
  active: boolean;
}

const recipientColumns = {
  invitationId: csiInvitations.id,
  personId: people.id,
  email: people.email,
  name: people.name,
  language: people.language,
  active: people.active,
};

interface CampaignFacts {
  titleMs: string;
  titleEn: string;
  closesAt: Date;
  services: number;
}

async function openCampaign(deps: OutboxDeps, campaignId: string): Promise<CampaignFacts | null> {
  const [row] = await deps.db
    .select({
      status: csiCampaigns.status,
      titleMs: csiCampaigns.titleMs,
      titleEn: csiCampaigns.titleEn,
      closesAt: csiCampaigns.closesAt,
      services: sql<number>`cardinality(${csiCampaigns.serviceIds})`,
    })
    .from(csiCampaigns)
    .where(eq(csiCampaigns.id, campaignId));
  if (!row || row.status !== 'open') return null;
  return { ...row, services: Number(row.services) };
}

/** Stores a new link for the e-mail and delivers it; the outbox keeps the text without the token. */
async function deliver(
  deps: OutboxDeps,
  campaign: CampaignFacts,
  recipient: Recipient,
  purpose: string,
  at: string,
): Promise<'sent' | 'recorded'> {
  const token = randomSecret();
  await deps.db
    .insert(csiLinks)
    .values({ tokenHash: sha256(token), invitationId: recipient.invitationId, purpose })
    .onConflictDoUpdate({
      target: [csiLinks.invitationId, csiLinks.purpose],
      set: { tokenHash: sha256(token) },
    });
  const language: Language = recipient.language === 'en' ? 'en' : 'ms';
  const base = `${publicBaseUrl(deps.config.PUBLIC_URL)}/csi/respond/`;
  const reminder = purpose !== 'invitation';
  const data = {
    recipientName: recipient.name,
    title: language === 'en' ? campaign.titleEn : campaign.titleMs,
    closesAt: campaign.closesAt.toISOString(),
    services: campaign.services,
  };
  const message = renderCsiInvitation(language, { ...data, url: base + token }, reminder);
  const stored = renderCsiInvitation(language, { ...data, url: `${base}…` }, reminder);
  return deliverMessage(deps, {
    idempotencyKey: `csi:${recipient.invitationId}:${purpose}`,
    recipientId: recipient.personId,
    recipientEmail: recipient.email,
    template: reminder ? 'csiReminder' : 'csiInvitation',
    language,
    subject: message.subject,
    text: message.text,
    storedText: stored.text,
    data: { invitationId: recipient.invitationId, purpose },
    at,
  });
}

/**
 * Sends one e-mail to each recipient of the page and marks it done with `markDone`. A failure is
 * counted on the invitation and the page goes on. When every e-mail of the page failed (the mail
 * server is likely down), the call throws, so the activity is retried later.
 */
async function sendPage(
  deps: OutboxDeps,
  recipients: readonly Recipient[],
  purpose: string,
  request: CsiSendPageRequest,
  campaign: CampaignFacts,
  markDone: (invitationId: string) => Promise<void>,
): Promise<CsiSendPageResult> {
  const result: CsiSendPageResult = { sent: 0, recorded: 0, skipped: 0, failed: 0, more: false };
  for (const recipient of recipients) {
    const key = `csi:${recipient.invitationId}:${purpose}`;
    if (!recipient.active || (await alreadyDelivered(deps.db, key))) {
      result.skipped += 1;
      await markDone(recipient.invitationId);
      continue;
    }
    try {
      result[await deliver(deps, campaign, recipient, purpose, request.at)] += 1;
      await markDone(recipient.invitationId);
    } catch (error) {
      result.failed += 1;
      await deps.db
        .update(csiInvitations)
        .set({ sendFailures: sql`${csiInvitations.sendFailures} + 1` })
        .where(eq(csiInvitations.id, recipient.invitationId));
      deps.logger.warn(
        {
          campaignId: request.campaignId,
          invitationId: recipient.invitationId,
          purpose,
          err: error,
        },
        'CSI e-mail not sent',
      );
    }
  }
  if (result.failed > 0 && result.failed === recipients.length) {
    throw new Error(`every CSI e-mail of the page failed (${purpose}); the page will be retried`);
  }
  result.more = recipients.length === request.limit;
  return result;
}

/** Sends the invitations of the next page of people not yet invited by e-mail. */
export async function sendCsiInvitations(
  deps: OutboxDeps,
  request: CsiSendPageRequest,
): Promise<CsiSendPageResult> {
  const campaign = await openCampaign(deps, request.campaignId);
  if (!campaign) return { sent: 0, recorded: 0, skipped: 0, failed: 0, more: false };
  const recipients = await deps.db
    .select(recipientColumns)
    .from(csiInvitations)
    .innerJoin(people, eq(people.id, csiInvitations.personId))
    .where(
      and(
        eq(csiInvitations.campaignId, request.campaignId),
        isNull(csiInvitations.sentAt),
        lt(csiInvitations.sendFailures, maxCsiSendFailures),
      ),
    )
    .orderBy(asc(csiInvitations.id))
    .limit(request.limit);
  const at = new Date(request.at);
  return sendPage(deps, recipients, 'invitation', request, campaign, async (invitationId) => {
    await deps.db
      .update(csiInvitations)
      .set({ sentAt: at })
      .where(eq(csiInvitations.id, invitationId));
  });
}

/** Sends reminder `reminder` to the next page of invited people who have not answered. */
export async function sendCsiReminders(
  deps: OutboxDeps,
  request: CsiReminderPageRequest,
): Promise<CsiSendPageResult> {
  const campaign = await openCampaign(deps, request.campaignId);
  if (!campaign) return { sent: 0, recorded: 0, skipped: 0, failed: 0, more: false };
  const recipients = await deps.db
    .select(recipientColumns)
    .from(csiInvitations)
    .innerJoin(people, eq(people.id, csiInvitations.personId))
    .where(
      and(
        eq(csiInvitations.campaignId, request.campaignId),
        isNotNull(csiInvitations.sentAt),
        isNull(csiInvitations.answeredAt),
        lt(csiInvitations.remindersSent, request.reminder),
        lt(csiInvitations.sendFailures, maxCsiSendFailures),
      ),
    )
    .orderBy(asc(csiInvitations.id))
    .limit(request.limit);
  return sendPage(
    deps,
    recipients,
    `reminder:${request.reminder}`,
    request,
    campaign,
    async (invitationId) => {
      await deps.db
        .update(csiInvitations)
        .set({ remindersSent: request.reminder })
        .where(eq(csiInvitations.id, invitationId));
    },
  );
}
