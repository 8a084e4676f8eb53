// The IKM satisfaction survey (PermenPANRB 14/2017) after a case is handed over: nine elements
// (unsur), each scored 1–4, asked once per case. Answers are stored by element, service and
// period, apart from the case and the person, so a score cannot be traced back to anyone. An
// official may type in a survey answered on paper at the counter; it is marked as such.
import { AppError, type ErrorMessage } from '../../domain/errors.ts';
import { localDateIn } from '../../domain/documents/indonesian-date.ts';
import { officeSchema } from '../../domain/office/schema.ts';
import type { Db } from '../transaction.ts';
import type { Actor } from '../workflow/actor.ts';
import { getApplication } from '../workflow/get-application.ts';

export interface IkmQuestion {
  unsur: number;
  element: string;
  question: string;
  // The answers for scores 1, 2, 3 and 4.
  options: [string, string, string, string];
}

// The regulation's example questionnaire, in the order the form asks (facilities before
// complaints handling, while the regulation numbers the elements the other way round). Stored by
// unsur, so another office's wording or order changes nothing in the data.
export const IKM_QUESTIONS: readonly IkmQuestion[] = [
  { unsur: 1, element: 'Persyaratan', question: 'Bagaimana pendapat Saudara tentang kesesuaian persyaratan pelayanan dengan jenis pelayanannya?', options: ['Tidak sesuai', 'Kurang sesuai', 'Sesuai', 'Sangat sesuai'] },
  { unsur: 2, element: 'Sistem, mekanisme, dan prosedur', question: 'Bagaimana pemahaman Saudara tentang kemudahan prosedur pelayanan di unit ini?', options: ['Tidak mudah', 'Kurang mudah', 'Mudah', 'Sangat mudah'] },
  { unsur: 3, element: 'Waktu penyelesaian', question: 'Bagaimana pendapat Saudara tentang kecepatan waktu dalam memberikan pelayanan?', options: ['Tidak cepat', 'Kurang cepat', 'Cepat', 'Sangat cepat'] },
  { unsur: 4, element: 'Biaya/tarif', question: 'Bagaimana pendapat Saudara tentang kewajaran biaya/tarif dalam pelayanan?', options: ['Sangat mahal', 'Cukup mahal', 'Murah', 'Gratis'] },
  { unsur: 5, element: 'Produk spesifikasi jenis pelayanan', question: 'Bagaimana pendapat Saudara tentang kesesuaian produk pelayanan antara yang tercantum dalam standar pelayanan dengan hasil yang diberikan?', options: ['Tidak sesuai', 'Kurang sesuai', 'Sesuai', 'Sangat sesuai'] },
  { unsur: 6, element: 'Kompetensi pelaksana', question: 'Bagaimana pendapat Saudara tentang kompetensi/kemampuan petugas dalam pelayanan?', options: ['Tidak kompeten', 'Kurang kompeten', 'Kompeten', 'Sangat kompeten'] },
  { unsur: 7, element: 'Perilaku pelaksana', question: 'Bagaimana pendapat Saudara tentang perilaku petugas dalam pelayanan terkait kesopanan dan keramahan?', options: ['Tidak sopan dan ramah', 'Kurang sopan dan ramah', 'Sopan dan ramah', 'Sangat sopan dan ramah'] },
  { unsur: 9, element: 'Sarana dan prasarana', question: 'Bagaimana pendapat Saudara tentang kualitas sarana dan prasarana?', options: ['Buruk', 'Cukup', 'Baik', 'Sangat baik'] },
  { unsur: 8, element: 'Penanganan pengaduan, saran dan masukan', question: 'Bagaimana pendapat Saudara tentang penanganan pengaduan pengguna layanan?', options: ['Tidak ada', 'Ada tetapi tidak berfungsi', 'Berfungsi kurang maksimal', 'Dikelola dengan baik'] },
];

export const RESPONDENT_OPTIONS = {
  sex: ['laki_laki', 'perempuan'],
  education: ['sd', 'smp', 'sma', 'd1_d3', 'd4_s1', 's2', 's3'],
  occupation: ['pns', 'tni_polri', 'swasta', 'wirausaha', 'lainnya'],
} as const;

export const COMMENT_MAX = 2000;

export interface SurveyInput {
  // unsur → score; a question may be left out (e.g. the fee of a free service).
  scores: Record<number, number>;
  sex?: string;
  education?: string;
  occupation?: string;
  comment?: string;
}

// The survey as a form posts it: unsurN → a score ('' when not answered), then who answered.
export function surveyInputFrom(field: (name: string) => string | undefined): SurveyInput {
  const scores: Record<number, number> = {};
  for (const q of IKM_QUESTIONS) {
    const v = field(`unsur${q.unsur}`) ?? '';
    if (v !== '') scores[q.unsur] = /^\d$/.test(v) ? Number(v) : NaN;
  }
  return { scores, sex: field('sex') ?? '', education: field('education') ?? '', occupation: field('occupation') ?? '', comment: field('comment') ?? '' };
}

export interface SurveyProblem {
  field: string;
  message: ErrorMessage;
}

export function surveyProblems(input: SurveyInput): SurveyProblem[] {
  const problems: SurveyProblem[] = [];
  const known = new Set(IKM_QUESTIONS.map((q) => q.unsur));
  for (const [unsur, score] of Object.entries(input.scores)) {
    if (!known.has(Number(unsur)) || !Number.isInteger(score) || score < 1 || score > 4) {
      problems.push({ field: `unsur${unsur}`, message: { id: 'Pilih salah satu jawaban yang tersedia', en: 'Choose one of the answers given' } });
    }
  }
  if (Object.keys(input.scores).length === 0) {
    problems.push({ field: `unsur${IKM_QUESTIONS[0]!.unsur}`, message: { id: 'Jawab paling sedikit satu pertanyaan', en: 'Answer at least one question' } });
  }
  const choice = (field: 'sex' | 'education' | 'occupation') => {
    const v = input[field];
    if (v !== undefined && v !== '' && !(RESPONDENT_OPTIONS[field] as readonly string[]).includes(v)) {
      problems.push({ field, message: { id: 'Pilih salah satu jawaban yang tersedia', en: 'Choose one of the answers given' } });
    }
  };
  choice('sex');
  choice('education');
  choice('occupation');
  if ((input.comment ?? '').length > COMMENT_MAX) problems.push({ field: 'comment', message: { id: `Saran paling banyak ${COMMENT_MAX} karakter`, en: `Suggestions must be ${COMMENT_MAX} characters or fewer` } });
  return problems;
}

export const surveyRefusals = {
  notYet: () => new AppError('survey_not_open', 409, { id: 'Survei dapat diisi setelah izin diserahkan kepada Anda.', en: 'The survey opens once the permit has been handed over to you.' }),
  answered: () => new AppError('survey_answered', 409, { id: 'Survei untuk permohonan ini sudah Anda isi. Terima kasih.', en: 'You have already answered the survey for this application. Thank you.' }),
};

export async function surveyState(db: Db, actor: Actor, caseId: string, now: Date): Promise<'open' | 'answered' | 'not_open'> {
  const view = await getApplication(db, actor, caseId, now);
  if (view.status !== 'completed') return 'not_open';
  const done = await db.selectFrom('ikm_case_responses').select('case_id').where('case_id', '=', view.id).executeTakeFirst();
  return done ? 'answered' : 'open';
}

export async function recordSurvey(db: Db, actor: Actor, caseId: string, input: SurveyInput, now: Date): Promise<{ kind: 'invalid'; problems: SurveyProblem[] } | { kind: 'recorded' }> {
  const view = await getApplication(db, actor, caseId, now);
  if (view.status !== 'completed') throw surveyRefusals.notYet();
  const problems = surveyProblems(input);
  if (problems.length > 0) return { kind: 'invalid', problems };
  const office = await db.selectFrom('offices').select('document').where('id', '=', view.office).executeTakeFirstOrThrow();
  const period = localDateIn(now, officeSchema.parse(office.document).timeZone).slice(0, 7);
  return db.transaction().execute(async (tx) => {
    // The marker first: a second answer for the case stops here, before anything is written.
    // It keeps only the day, so it cannot be matched to a response by its time.
    const marked = await tx.insertInto('ikm_case_responses').values({ case_id: view.id, responded_at: new Date(`${now.toISOString().slice(0, 10)}T00:00:00Z`) })
      .onConflict((oc) => oc.column('case_id').doNothing()).returning('case_id').executeTakeFirst();
    if (!marked) throw surveyRefusals.answered();
    const response = await tx.insertInto('ikm_responses').values({
      office_id: view.office, service_slug: view.service, period, channel: actor.kind === 'staff' ? 'counter' : 'online',
      respondent_sex: input.sex || null, respondent_education: input.education || null, respondent_occupation: input.occupation || null,
      comment: input.comment?.trim() || null, submitted_at: now,
    }).returning('id').executeTakeFirstOrThrow();
    for (const [unsur, score] of Object.entries(input.scores)) {
      await tx.insertInto('ikm_answers').values({ response_id: response.id, unsur: Number(unsur), score }).execute();
    }
    return { kind: 'recorded' as const };
  });
}
