/**
 * Finds the requester of a case opened by e-mail: a person already recorded with the sender's address,
 * or a new customer when the sender's domain is known or the mailbox's policy accepts unknown
 * domains. Unverified senders are recorded as visitors.
 */
import { eq } from 'drizzle-orm';
import type { UnknownDomainPolicy } from '../../common/mail';
import type { Database } from '../../db/client';
import { people } from '../../db/schema';
import { findOrCreateCustomer } from '../cases/intake';

export type RequesterDecision =
  { accepted: true; personId: string; verified: boolean; created: boolean } | { accepted: false };

/** True when the address is in one of the domains or their subdomains. */
export function inKnownDomain(address: string, domains: string[]): boolean {
  const domain = address.slice(address.lastIndexOf('@') + 1).toLowerCase();
  return domains.some((known) => {
    const base = known.trim().toLowerCase().replace(/^@/, '');
    return base.length > 0 && (domain === base || domain.endsWith(`.${base}`));
  });
}

export async function findPersonByEmail(db: Database, address: string) {
  const [row] = await db
    .select({ id: people.id, active: people.active, kind: people.kind })
    .from(people)
    .where(eq(people.email, address.toLowerCase()));
  return row ?? null;
}

export async function decideRequester(
  db: Database,
  sender: { address: string; name: string },
  mailbox: { knownDomains: string[]; policy: UnknownDomainPolicy },
): Promise<RequesterDecision> {
  const existing = await findPersonByEmail(db, sender.address);
  if (existing?.active) {
    return { accepted: true, personId: existing.id, verified: true, created: false };
  }
  if (existing && !existing.active) return { accepted: false };

  const name = sender.name || sender.address.slice(0, sender.address.indexOf('@'));
  const known = inKnownDomain(sender.address, mailbox.knownDomains);
  if (!known && mailbox.policy === 'reject') return { accepted: false };

  const created = await findOrCreateCustomer(db, { email: sender.address, name });
  const verified = known || mailbox.policy === 'accept';
  if (created.created && !verified) {
    await db.update(people).set({ kind: 'visitor' }).where(eq(people.id, created.id));
  }
  return { accepted: true, personId: created.id, verified, created: created.created };
}
