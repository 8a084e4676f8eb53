import type { FastifyInstance } from 'fastify';
import { getService } from '../../app/catalogue/get-service.ts';
import { processBpmn, processSvg } from '../../app/catalogue/process-diagram.ts';
import { BPMN_CONTENT_TYPE } from '../../domain/sop/bpmn.ts';
import { renderSopPdf } from '../../infra/pdf/sop-matrix.ts';
import { getOffice, listOffices } from '../../app/catalogue/list-offices.ts';
import type { Db } from '../../app/transaction.ts';
import { applicationTypeSchema } from '../../domain/definition/schema.ts';
import { AppError } from '../../domain/errors.ts';
import { languageOf } from '../i18n.ts';
import { pageUser } from '../session.ts';
import { render } from '../layout.ts';
import { homePage, officePage, servicePage } from './catalogue-pages.ts';

const serviceNotFound = () => new AppError('service_not_found', 404, { id: 'Layanan tidak ditemukan.', en: 'Service not found.' });
const officeNotFound = () => new AppError('office_not_found', 404, { id: 'Kantor tidak ditemukan.', en: 'Office not found.' });

export function registerCatalogueRoutes(app: FastifyInstance, db: Db, now: () => Date = () => new Date()): void {
  app.get('/', async (req, reply) => {
    const lang = languageOf(req, reply);
    return reply.type('text/html; charset=utf-8').send(await render(homePage(lang, await listOffices(db), await pageUser(db, req, now()))));
  });

  app.get<{ Params: { office: string } }>('/layanan/:office', async (req, reply) => {
    const lang = languageOf(req, reply);
    const office = await getOffice(db, req.params.office);
    if (!office) throw officeNotFound();
    return reply.type('text/html; charset=utf-8').send(await render(officePage(lang, office, await pageUser(db, req, now()))));
  });

  app.get<{ Params: { office: string; service: string }; Querystring: { jenis?: string } }>('/layanan/:office/:service', async (req, reply) => {
    const lang = languageOf(req, reply);
    const svc = await getService(db, req.params.office, req.params.service);
    if (!svc) throw serviceNotFound();
    // An unknown or empty ?jenis= shows every requirement rather than an error.
    const type = applicationTypeSchema.safeParse(req.query.jenis);
    const chosen = type.success && svc.definition.applicationTypes.includes(type.data) ? type.data : null;
    return reply.type('text/html; charset=utf-8').send(await render(servicePage(lang, svc, chosen, await pageUser(db, req, now()))));
  });

  app.get<{ Params: { office: string; service: string } }>('/layanan/:office/:service/proses.bpmn', async (req, reply) => {
    const svc = await getService(db, req.params.office, req.params.service);
    if (!svc) throw serviceNotFound();
    return reply.type(`${BPMN_CONTENT_TYPE}; charset=utf-8`)
      .header('content-disposition', `attachment; filename="${svc.office.id}-${svc.definition.slug}.bpmn"`)
      .send(processBpmn(svc));
  });

  // The SOP matrix (PermenPANRB 35/2012) as PDF; ?kertas=F4 for folio. Rendered once per
  // definition version and paper.
  const pdfs = new Map<string, Uint8Array>();
  app.get<{ Params: { office: string; service: string }; Querystring: { kertas?: string } }>('/layanan/:office/:service/sop.pdf', async (req, reply) => {
    const svc = await getService(db, req.params.office, req.params.service);
    if (!svc) throw serviceNotFound();
    const paper = req.query.kertas === 'F4' ? 'F4' : 'A4';
    const key = `${svc.office.id}/${svc.definition.slug}@${svc.contentHash}/${paper}`;
    let pdf = pdfs.get(key);
    if (!pdf) {
      pdf = await renderSopPdf(svc.definition, svc.office, { paper });
      if (pdfs.size > 100) pdfs.clear();
      pdfs.set(key, pdf);
    }
    return reply.type('application/pdf')
      .header('content-disposition', `inline; filename="SOP-${svc.office.id}-${svc.definition.slug}-${paper}.pdf"`)
      .send(Buffer.from(pdf));
  });

  app.get<{ Params: { office: string; service: string } }>('/layanan/:office/:service/bagan.svg', async (req, reply) => {
    const svc = await getService(db, req.params.office, req.params.service);
    if (!svc) throw serviceNotFound();
    return reply.type('image/svg+xml; charset=utf-8').header('cache-control', 'public, max-age=300').send(processSvg(svc));
  });
}
