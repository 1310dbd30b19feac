/** Zod response schemas of the service catalogue. */
import { z } from 'zod';
import { levels } from '../../common/enums';

export const levelSchema = z.literal(levels);

export const categorySchema = z.object({
  id: z.uuid(),
  serviceId: z.uuid(),
  code: z.string(),
  nameMs: z.string(),
  nameEn: z.string(),
  defaultUnitId: z.uuid().nullable(),
  defaultImpact: levelSchema.describe('1 high, 2 medium, 3 low'),
  defaultUrgency: levelSchema.describe('1 high, 2 medium, 3 low'),
  sortOrder: z.number().int(),
  active: z.boolean(),
  createdAt: z.date(),
  updatedAt: z.date(),
});

export const serviceSchema = z.object({
  id: z.uuid(),
  code: z.string(),
  nameMs: z.string(),
  nameEn: z.string(),
  descriptionMs: z.string(),
  descriptionEn: z.string(),
  defaultUnitId: z.uuid().nullable(),
  sortOrder: z.number().int(),
  active: z.boolean(),
  categories: z.array(categorySchema),
  createdAt: z.date(),
  updatedAt: z.date(),
});
