import type { FastifyInstance } from 'fastify';
import { getService } from '../../app/catalogue/get-service.ts';
import { listOffices, type OfficeSummary } from '../../app/catalogue/list-offices.ts';
import type { Db } from '../../app/transaction.ts';
import { AppError } from '../../domain/errors.ts';
import { officeListSchema, serviceDetailSchema, serviceListSchema } from './schemas.ts';

const officeNotFound = () => new AppError('office_not_found', 404, { id: 'Kantor tidak ditemukan.', en: 'Office not found.' });

const toOfficeDto = (o: OfficeSummary) => ({
  id: o.office.id,
  name: o.office.name,
  shortName: o.office.shortName,
  level: o.office.level,
  region: o.office.region,
  timeZone: o.office.timeZone,
  address: o.office.address,
  serviceHours: o.office.serviceHours,
  services: o.services.map((s) => ({ ...s, href: `/api/v1/offices/${o.office.id}/services/${s.slug}` })),
});

export function registerApiRoutes(app: FastifyInstance, db: Db): void {
  app.get('/api/v1/offices', async () => officeListSchema.parse({ offices: (await listOffices(db)).map(toOfficeDto) }));

  app.get<{ Params: { office: string } }>('/api/v1/offices/:office/services', async (req) => {
    const office = (await listOffices(db)).find((o) => o.office.id === req.params.office);
    if (!office) throw officeNotFound();
    return serviceListSchema.parse({ office: office.office.id, services: toOfficeDto(office).services });
  });

  app.get<{ Params: { office: string; service: string } }>('/api/v1/offices/:office/services/:service', async (req) => {
    const svc = await getService(db, req.params.office, req.params.service);
    if (!svc) {
      const officeExists = (await listOffices(db)).some((o) => o.office.id === req.params.office);
      throw officeExists ? new AppError('service_not_found', 404, { id: 'Layanan tidak ditemukan.', en: 'Service not found.' }) : officeNotFound();
    }
    return serviceDetailSchema.parse({ office: svc.office.id, slug: svc.definition.slug, version: svc.version, contentHash: svc.contentHash, definition: svc.definition });
  });
}
