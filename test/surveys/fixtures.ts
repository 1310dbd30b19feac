/** Records shared by the survey tests: a unit with a head, a requester, and resolved cases. */
import {
  cases,
  categories,
  services,
  surveys,
  type SurveyQuestionDefinition,
} from '../../db/schema';
import type { Database } from '../../db/client';
import { createPerson, createUnit } from '../helpers/factories';

export const myt = (local: string) => new Date(`${local.replace(' ', 'T')}:00+08:00`);

export const questions: SurveyQuestionDefinition[] = [
  {
    id: 'q1',
    kind: 'scale',
    textMs: 'Kepuasan',
    textEn: 'Satisfaction',
    required: true,
    options: [],
  },
  {
    id: 'q2',
    kind: 'choice',
    textMs: 'Saluran',
    textEn: 'Channel',
    required: false,
    options: [
      { value: 'portal', labelMs: 'Portal', labelEn: 'Portal' },
      { value: 'phone', labelMs: 'Telefon', labelEn: 'Phone' },
    ],
  },
  { id: 'q3', kind: 'text', textMs: 'Ulasan', textEn: 'Comment', required: false, options: [] },
];

export async function createSurveyFixture(db: Database, prefix: string) {
  const unit = await createUnit(db);
  const head = await createPerson(db, { roles: ['supervisor'], headOf: [unit.id] });
  const technician = await createPerson(db, { roles: ['technician'], unitIds: [unit.id] });
  const requester = await createPerson(db, { roles: ['customer'], language: 'en' });
  const [service] = await db
    .insert(services)
    .values({ code: `${prefix}-SVC`, nameMs: 'Rangkaian', nameEn: 'Network' })
    .returning();
  const [wifi, email] = await db
    .insert(categories)
    .values([
      { serviceId: service!.id, code: `${prefix}-WIFI`, nameMs: 'Wifi', nameEn: 'Wi-Fi' },
      { serviceId: service!.id, code: `${prefix}-EMEL`, nameMs: 'E-mel', nameEn: 'E-mail' },
    ])
    .returning();
  let sequence = 0;

  /** Inserts a case resolved at the given Malaysian time. */
  async function resolvedCase(resolvedAt: string, options: { categoryId?: string } = {}) {
    sequence += 1;
    const [row] = await db
      .insert(cases)
      .values({
        reference: `${prefix}-${String(sequence).padStart(4, '0')}`,
        title: `Kes ${sequence}`,
        description: 'Kes ujian soal selidik',
        status: 'resolved',
        channel: 'portal',
        priority: 3,
        impact: 2,
        urgency: 2,
        requesterId: requester.id,
        createdById: requester.id,
        unitId: unit.id,
        assigneeId: technician.id,
        serviceId: service!.id,
        categoryId: options.categoryId ?? wifi!.id,
        openedAt: myt('2026-06-01 08:00'),
        resolvedAt: myt(resolvedAt),
      })
      .returning();
    return row!;
  }

  async function createSurvey(values: Partial<typeof surveys.$inferInsert> & { code: string }) {
    const [row] = await db
      .insert(surveys)
      .values({
        nameMs: 'Kepuasan pelanggan',
        nameEn: 'Customer satisfaction',
        questions,
        createdAt: myt('2026-06-01 00:00'),
        ...values,
      })
      .returning();
    return row!;
  }

  return {
    unit,
    head,
    technician,
    requester,
    service: service!,
    wifi: wifi!,
    email: email!,
    resolvedCase,
    createSurvey,
  };
}
