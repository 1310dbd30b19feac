/**
 * The service catalogue. Any signed-in person reads it; administrators change it. Entries are
 * deactivated with `active: false`, never deleted.
 *   GET   /catalogue/services             active services with their active categories
 *   GET   /catalogue/services/{id}        one service; inactive ones for administrators and auditors
 *   POST  /catalogue/services             creates a service
 *   PATCH /catalogue/services/{id}        changes or deactivates a service
 *   POST  /catalogue/categories           creates a category of a service
 *   PATCH /catalogue/categories/{id}      changes or deactivates a category
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../common/errors';
import {
  createCategory,
  createService,
  getService,
  listServices,
  updateCategory,
  updateService,
} from '../../activities/catalogue/services';
import type { AppDeps } from '../app';
import { requirePrincipal } from '../auth/plugin';
import {
  canManageCatalogue,
  canReadCatalogue,
  canSeeInactiveCatalogue,
} from '../policies/catalogue';
import { codeInput, errorResponses, idParams, line, queryFlag } from '../schemas/common';
import { categorySchema, levelSchema, serviceSchema } from '../schemas/catalogue';

const listQuery = z.object({
  includeInactive: queryFlag
    .default(false)
    .describe('Also deactivated entries (administrators and auditors)'),
});

const description = z.string().trim().max(4000);
const sortOrder = z.number().int().min(-100_000).max(100_000);

const createServiceBody = z.strictObject({
  code: codeInput,
  nameMs: line(200),
  nameEn: line(200),
  descriptionMs: description.default(''),
  descriptionEn: description.default(''),
  defaultUnitId: z
    .uuid()
    .nullable()
    .optional()
    .describe('Unit that receives cases of this service'),
  sortOrder: sortOrder.default(0),
});

const atLeastOne = {
  message: 'give at least one field to change',
};

const updateServiceBody = z
  .strictObject({
    code: codeInput.optional(),
    nameMs: line(200).optional(),
    nameEn: line(200).optional(),
    descriptionMs: description.optional(),
    descriptionEn: description.optional(),
    defaultUnitId: z.uuid().nullable().optional(),
    sortOrder: sortOrder.optional(),
    active: z.boolean().optional(),
  })
  .refine((body) => Object.values(body).some((value) => value !== undefined), atLeastOne);

const createCategoryBody = z.strictObject({
  serviceId: z.uuid(),
  code: codeInput,
  nameMs: line(200),
  nameEn: line(200),
  defaultUnitId: z
    .uuid()
    .nullable()
    .optional()
    .describe("Unit that receives cases; else the service's"),
  defaultImpact: levelSchema.default(2),
  defaultUrgency: levelSchema.default(2),
  sortOrder: sortOrder.default(0),
});

const updateCategoryBody = z
  .strictObject({
    serviceId: z.uuid().optional(),
    code: codeInput.optional(),
    nameMs: line(200).optional(),
    nameEn: line(200).optional(),
    defaultUnitId: z.uuid().nullable().optional(),
    defaultImpact: levelSchema.optional(),
    defaultUrgency: levelSchema.optional(),
    sortOrder: sortOrder.optional(),
    active: z.boolean().optional(),
  })
  .refine((body) => Object.values(body).some((value) => value !== undefined), atLeastOne);

export function catalogueRoutes(deps: AppDeps): FastifyPluginAsyncZod {
  const { db } = deps;
  const onlyAdministrators = () =>
    new AppError('forbidden', 'Only administrators change the catalogue');

  return async (app) => {
    app.get(
      '/catalogue/services',
      {
        schema: {
          tags: ['catalogue'],
          summary: 'List the services of the catalogue with their categories',
          querystring: listQuery,
          response: {
            200: z.object({ items: z.array(serviceSchema) }),
            ...errorResponses(400, 401, 403),
          },
        },
      },
      async (request) => {
        const principal = requirePrincipal(request);
        if (!canReadCatalogue(principal))
          throw new AppError('forbidden', 'Your roles do not allow reading the catalogue');
        const { includeInactive } = request.query;
        if (includeInactive && !canSeeInactiveCatalogue(principal)) {
          throw new AppError(
            'forbidden',
            'Only administrators and auditors list inactive catalogue entries',
          );
        }
        return { items: await listServices(db, { includeInactive }) };
      },
    );

    app.get(
      '/catalogue/services/:id',
      {
        schema: {
          tags: ['catalogue'],
          summary: 'One service with its categories',
          params: idParams,
          response: { 200: serviceSchema, ...errorResponses(400, 401, 404) },
        },
      },
      async (request) => {
        const principal = requirePrincipal(request);
        const { id } = request.params;
        const service = canReadCatalogue(principal) ? await getService(db, id) : null;
        if (!service) throw new AppError('not_found', `No service ${id}`);
        if (canSeeInactiveCatalogue(principal)) return service;
        if (!service.active) throw new AppError('not_found', `No service ${id}`);
        return { ...service, categories: service.categories.filter((category) => category.active) };
      },
    );

    app.post(
      '/catalogue/services',
      {
        schema: {
          tags: ['catalogue'],
          summary: 'Create a service',
          body: createServiceBody,
          response: { 201: serviceSchema, ...errorResponses(400, 401, 403, 409) },
        },
      },
      async (request, reply) => {
        const principal = requirePrincipal(request);
        if (!canManageCatalogue(principal)) throw onlyAdministrators();
        const service = await createService(db, principal.id, request.body);
        request.log.info({ actorId: principal.id, serviceId: service.id }, 'service created');
        return reply.code(201).send(service);
      },
    );

    app.patch(
      '/catalogue/services/:id',
      {
        schema: {
          tags: ['catalogue'],
          summary: 'Change or deactivate a service',
          params: idParams,
          body: updateServiceBody,
          response: { 200: serviceSchema, ...errorResponses(400, 401, 403, 404, 409) },
        },
      },
      async (request) => {
        const principal = requirePrincipal(request);
        if (!canManageCatalogue(principal)) throw onlyAdministrators();
        const service = await updateService(
          db,
          principal.id,
          request.params.id,
          request.body,
          new Date(),
        );
        if (!service) throw new AppError('not_found', `No service ${request.params.id}`);
        request.log.info({ actorId: principal.id, serviceId: service.id }, 'service updated');
        return service;
      },
    );

    app.post(
      '/catalogue/categories',
      {
        schema: {
          tags: ['catalogue'],
          summary: 'Create a category of a service',
          body: createCategoryBody,
          response: { 201: categorySchema, ...errorResponses(400, 401, 403, 409) },
        },
      },
      async (request, reply) => {
        const principal = requirePrincipal(request);
        if (!canManageCatalogue(principal)) throw onlyAdministrators();
        const category = await createCategory(db, principal.id, request.body);
        request.log.info({ actorId: principal.id, categoryId: category.id }, 'category created');
        return reply.code(201).send(category);
      },
    );

    app.patch(
      '/catalogue/categories/:id',
      {
        schema: {
          tags: ['catalogue'],
          summary: 'Change or deactivate a category',
          params: idParams,
          body: updateCategoryBody,
          response: { 200: categorySchema, ...errorResponses(400, 401, 403, 404, 409) },
        },
      },
      async (request) => {
        const principal = requirePrincipal(request);
        if (!canManageCatalogue(principal)) throw onlyAdministrators();
        const category = await updateCategory(
          db,
          principal.id,
          request.params.id,
          request.body,
          new Date(),
        );
        if (!category) throw new AppError('not_found', `No category ${request.params.id}`);
        request.log.info({ actorId: principal.id, categoryId: category.id }, 'category updated');
        return category;
      },
    );
  };
}
