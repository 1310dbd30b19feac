/** Zod schema of a change to one holiday (PATCH /calendars/{id}/holidays/{holidayId}). */
import { z } from 'zod';
import { holidayKinds } from '../../common/working-time';
import { line } from './common';

export const holidayChangesBody = z
  .strictObject({
    date: z.iso.date().describe('A local date of the calendar, YYYY-MM-DD'),
    nameMs: line(200),
    nameEn: line(200),
    kind: z.enum(holidayKinds),
    confirmed: z.boolean().describe('False while the date is an estimate'),
  })
  .partial()
  .refine((body) => Object.keys(body).length > 0, { message: 'give at least one field to change' });
