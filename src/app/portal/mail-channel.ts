// The outbox channel that tells applicants by email when their case needs them: returned for
// correction, ready for pickup, completed or rejected. The message names the applicant and the
// service and links to the case; it carries no other personal data (not the reasons, which
// may), so a mailbox read by someone else learns little.
import type { Mailer } from '../../infra/mail/mailer.ts';
import type { Db, Tx } from '../transaction.ts';
import type { Channel, OutboxMessage } from '../workflow/dispatch-outbox.ts';
import { pinnedDefinition } from '../workflow/case-state.ts';

export interface MailChannelDeps {
  db: Db;
  mailer: Mailer;
  publicUrl: string;
}

export const MAILED_TOPICS = ['returned', 'ready_for_pickup', 'completed', 'rejected'] as const;
type MailedTopic = (typeof MAILED_TOPICS)[number];

const SUBJECTS: Record<MailedTopic, (code: string) => string> = {
  returned: (code) => `Permohonan ${code} perlu Anda perbaiki`,
  ready_for_pickup: (code) => `Izin untuk permohonan ${code} siap diambil`,
  completed: (code) => `Permohonan ${code} selesai`,
  rejected: (code) => `Keputusan atas permohonan ${code}`,
};

const LINES: Record<MailedTopic, (service: string) => string> = {
  returned: (s) => `Permohonan ${s} Anda dikembalikan untuk diperbaiki. Lihat apa yang perlu diperbaiki, unggah berkas pengganti, lalu kirim ulang melalui tautan di bawah. Waktu penyelesaian berhenti dihitung sampai Anda mengirim ulang.`,
  ready_for_pickup: (s) => `Izin ${s} Anda sudah selesai dan siap diambil di loket pengambilan. Bawa tanda terima permohonan Anda.`,
  completed: (s) => `Permohonan ${s} Anda sudah selesai. Jika izinnya tersedia secara elektronik, Anda dapat mengunduhnya melalui tautan di bawah. Kami juga mohon kesediaan Anda mengisi survei kepuasan.`,
  rejected: (s) => `Permohonan ${s} Anda tidak dapat dikabulkan. Alasan dan dasar hukumnya dapat Anda lihat melalui tautan di bawah.`,
};

const base = (publicUrl: string) => new URL(publicUrl).href.replace(/\/+$/, '');

export function portalMailChannel(deps: MailChannelDeps): Channel {
  return {
    name: 'mail',
    async deliver(message: OutboxMessage, tx: Db | Tx): Promise<Record<string, unknown>> {
      if (!(MAILED_TOPICS as readonly string[]).includes(message.topic) || !message.caseId) return { skipped: 'topic' };
      const topic = message.topic as MailedTopic;
      const db = tx;
      const row = await db.selectFrom('cases as c').innerJoin('applicants as a', 'a.id', 'c.applicant_id').leftJoin('users as u', 'u.id', 'a.user_id')
        .select(['c.id', 'c.tracking_code', 'c.office_id', 'c.service_slug', 'c.definition_version', 'a.name', 'a.email as applicant_email', 'u.email as user_email'])
        .where('c.id', '=', message.caseId).executeTakeFirst();
      const to = row?.user_email ?? row?.applicant_email ?? null;
      if (!row || !to) return { skipped: 'no_email' };
      const def = await pinnedDefinition(db, row.office_id, row.service_slug, row.definition_version);
      const link = `${base(deps.publicUrl)}/permohonan/${row.id}`;
      const text = [
        `Yth. ${row.name},`,
        '',
        LINES[topic](def.name),
        '',
        `Kode lacak: ${row.tracking_code}`,
        link,
        '',
        'Pesan ini dikirim otomatis; mohon tidak membalasnya.',
      ].join('\n');
      await deps.mailer.send({ to, subject: SUBJECTS[topic](row.tracking_code), text });
      return { sent: true, topic };
    },
  };
}
