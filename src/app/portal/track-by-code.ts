// The public tracking page's data: by the code on the receipt, anyone may see which service an
// application is for, its status and its dates — nothing about the person.
import { AppError } from '../../domain/errors.ts';
import { normalizeTrackingCode } from '../../domain/workflow/tracking-code.ts';
import { officeSchema } from '../../domain/office/schema.ts';
import type { Db } from '../transaction.ts';
import { pinnedDefinition } from '../workflow/case-state.ts';

export interface PublicTracking {
  code: string;
  serviceName: string;
  officeName: string;
  timeZone: string;
  status: string;
  // The stage's name from the SOP, while the office works on it.
  stage: string | null;
  submittedAt: Date;
  dueAt: Date | null;
  closedAt: Date | null;
  clockRule: string;
}

export const trackingNotFound = () => new AppError('tracking_not_found', 404, {
  id: 'Tidak ada permohonan dengan kode ini. Periksa kembali kode pada tanda terima Anda.',
  en: 'No application has this code. Check the code on your receipt.',
});

export async function trackByCode(db: Db, raw: string): Promise<PublicTracking> {
  const code = raw.length <= 20 ? normalizeTrackingCode(raw) : null;
  if (!code) throw trackingNotFound();
  const c = await db.selectFrom('cases as c').innerJoin('offices as o', 'o.id', 'c.office_id')
    .select(['c.office_id', 'c.service_slug', 'c.definition_version', 'c.status', 'c.current_step', 'c.submitted_at', 'c.due_at', 'c.closed_at', 'o.document'])
    .where('c.tracking_code', '=', code).executeTakeFirst();
  if (!c) throw trackingNotFound();
  const def = await pinnedDefinition(db, c.office_id, c.service_slug, c.definition_version);
  const office = officeSchema.parse(c.document);
  return {
    code,
    serviceName: def.name,
    officeName: office.name,
    timeZone: office.timeZone,
    status: c.status,
    stage: c.status === 'active' && c.current_step !== null ? def.steps.find((s) => s.no === c.current_step)?.title ?? null : null,
    submittedAt: c.submitted_at,
    dueAt: c.status === 'active' ? c.due_at : null,
    closedAt: c.closed_at,
    clockRule: def.serviceTime.text,
  };
}
