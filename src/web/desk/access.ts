// Who may reach each desk route: one table, checked before any handler runs. A route that is
// not in the table cannot be registered, and the authorization test walks every registered
// route against it. Finer rules (whose step it is, whether the case moved on) stay with the
// engine, which re-checks them under the case's lock.
import type { Db } from '../../app/transaction.ts';
import { caseForStaff } from '../../app/desk/case-access.ts';
import { documentNotFound } from '../../app/desk/documents.ts';
import { notStaff, type StaffContext } from '../../app/desk/staff-context.ts';
import { intakeRoles } from '../../domain/workflow/intake-roles.ts';
import { AppError } from '../../domain/errors.ts';

export type DeskRule =
  // Any signed-in staff member of an office.
  | 'staff'
  // Staff who hold a position in the office's own units (not only a technical agency's).
  | 'internal'
  // Staff who receive walk-in applications for at least one service.
  | 'intake'
  // Staff who hold the role of a signing step in at least one service.
  | 'signer'
  // The office administrator (admin-kantor).
  | 'admin'
  // The case (:id) is one this official may open: their office, a role in its definition, and
  // for a technical team only once it has been sent to them.
  | 'case'
  // The case, and a role of the office itself in its definition.
  | 'case-internal'
  // The case, and a front-counter role of its definition (corrections brought to the counter).
  | 'case-intake'
  // The file (:docId) belongs to a case this official may open.
  | 'document';

export const DESK_RULES: Readonly<Record<string, DeskRule>> = {
  'GET /meja': 'staff',
  'GET /meja/permohonan/:id': 'case',
  'GET /meja/permohonan/:id/paraf': 'case',
  'GET /meja/permohonan/:id/draf.pdf': 'case-internal',
  'GET /meja/permohonan/:id/tanda-terima.pdf': 'case-internal',
  'GET /meja/permohonan/:id/arsip.pdf': 'case-internal',
  'GET /meja/permohonan/:id/survei': 'case-internal',
  'POST /meja/permohonan/:id/survei': 'case-internal',
  // The letter is addressed to the technical agency, so its team may read it too.
  'GET /meja/permohonan/:id/surat-pengantar.pdf': 'case',
  'POST /meja/permohonan/:id/ambil': 'case',
  'POST /meja/permohonan/:id/tugaskan': 'case',
  'POST /meja/permohonan/:id/verifikasi': 'case',
  'POST /meja/permohonan/:id/tindakan': 'case',
  'POST /meja/permohonan/:id/rekomendasi': 'case',
  'POST /meja/permohonan/:id/penyerahan': 'case',
  'POST /meja/permohonan/:id/perbaikan': 'case-intake',
  'GET /meja/berkas/:docId': 'document',
  'GET /meja/loket': 'intake',
  'POST /meja/loket': 'intake',
  'GET /meja/tanda-tangan': 'signer',
  'POST /meja/tanda-tangan': 'signer',
  'GET /meja/register': 'internal',
  'GET /meja/akun': 'staff',
  'POST /meja/akun/dua-langkah': 'staff',
  'GET /meja/admin': 'admin',
  'POST /meja/admin/pengaturan': 'admin',
  'POST /meja/admin/pelaksana': 'admin',
  'POST /meja/admin/pelaksana/:assignmentId/hapus': 'admin',
};

export const ruleKey = (method: string, url: string) => `${method === 'HEAD' ? 'GET' : method} ${url}`;

const forbidden = () => new AppError('forbidden', 403, { id: 'Anda tidak berwenang membuka halaman ini.', en: 'You are not allowed to open this page.' });

export async function checkRule(db: Db, rule: DeskRule, staff: StaffContext, params: Record<string, string>): Promise<void> {
  switch (rule) {
    case 'staff':
      return;
    case 'internal':
      if (!staff.internal) throw forbidden();
      return;
    case 'intake':
      if (staff.intakeServices.length === 0) throw forbidden();
      return;
    case 'signer':
      if (!staff.signer) throw forbidden();
      return;
    case 'admin':
      if (!staff.admin) throw forbidden();
      return;
    case 'case':
      await caseForStaff(db, staff, params.id ?? '');
      return;
    case 'case-internal': {
      const c = await caseForStaff(db, staff, params.id ?? '');
      if (!c.internal) throw forbidden();
      return;
    }
    case 'case-intake': {
      const c = await caseForStaff(db, staff, params.id ?? '');
      if (!intakeRoles(c.def).some((r) => c.held.has(r))) throw forbidden();
      return;
    }
    case 'document': {
      const id = params.docId ?? '';
      const doc = /^\d{1,18}$/.test(id) ? await db.selectFrom('case_documents').select('case_id').where('id', '=', id).executeTakeFirst() : undefined;
      if (!doc?.case_id) throw documentNotFound();
      await caseForStaff(db, staff, doc.case_id).catch(() => {
        throw documentNotFound();
      });
      return;
    }
  }
}

export { notStaff };
