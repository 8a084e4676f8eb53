// Registering an applicant account, as a person or for a company: a users row (kind
// applicant, signing in with the email) and the applicants row the cases will carry, with an
// email verification token. Also the profile for an account that has none yet.
import { hash } from '@node-rs/argon2';
import type { Db, Tx } from '../transaction.ts';
import { issueToken } from './account-tokens.ts';
import {
  digitsOnly, emailProblem, LIMITS, nibProblem, nikProblem, normalizeEmail, npwpProblem, passwordProblem, phoneProblem, requiredText,
  type FieldProblem,
} from './identity-rules.ts';

export interface PersonProfile {
  kind: 'person';
  name: string;
  nik: string;
  phone: string;
  address: string;
}

export interface CompanyProfile {
  kind: 'company';
  companyName: string;
  nib: string;
  npwp: string;
  address: string;
  // The person acting for the company.
  name: string;
  phone: string;
}

export type ApplicantProfile = PersonProfile | CompanyProfile;
export type Registration = ApplicantProfile & { email: string; password: string };

export function profileProblems(p: ApplicantProfile): FieldProblem[] {
  const problems: (FieldProblem | null)[] = p.kind === 'person'
    ? [
      requiredText('name', p.name, LIMITS.name, { id: 'nama lengkap', en: 'your full name' }),
      nikProblem('nik', p.nik),
      phoneProblem('phone', p.phone),
      requiredText('address', p.address, LIMITS.address, { id: 'alamat', en: 'your address' }),
    ]
    : [
      requiredText('companyName', p.companyName, LIMITS.companyName, { id: 'nama perusahaan', en: 'the company name' }),
      nibProblem('nib', p.nib),
      npwpProblem('npwp', p.npwp),
      requiredText('address', p.address, LIMITS.address, { id: 'alamat perusahaan', en: 'the company address' }),
      requiredText('name', p.name, LIMITS.name, { id: 'nama penanggung jawab', en: 'the name of the person acting for the company' }),
      phoneProblem('phone', p.phone),
    ];
  return problems.filter((x): x is FieldProblem => x !== null);
}

export function registrationProblems(r: Registration): FieldProblem[] {
  return [...profileProblems(r), emailProblem('email', r.email), passwordProblem('password', r.password, r.email)].filter((x): x is FieldProblem => x !== null);
}

export type RegisterResult =
  | { kind: 'invalid'; problems: FieldProblem[] }
  | { kind: 'created'; userId: string; email: string; name: string; token: string }
  // The address already has an account: the caller tells its owner by mail, and tells the person
  // at the screen the same as for a new account, so the form does not reveal who is registered.
  | { kind: 'exists'; email: string; name: string };

export async function registerApplicant(db: Db, r: Registration, now: Date): Promise<RegisterResult> {
  const problems = registrationProblems(r);
  if (problems.length > 0) return { kind: 'invalid', problems };
  const email = normalizeEmail(r.email);
  const passwordHash = await hash(r.password);
  return db.transaction().execute(async (tx) => {
    const user = await tx.insertInto('users').values({
      kind: 'applicant', office_id: null, username: email, email, display_name: r.name.trim(), password_hash: passwordHash, created_at: now,
    }).onConflict((oc) => oc.column('username').doNothing()).returning('id').executeTakeFirst();
    if (!user) {
      const existing = await tx.selectFrom('users').select('display_name').where('username', '=', email).executeTakeFirst();
      return { kind: 'exists' as const, email, name: existing?.display_name ?? '' };
    }
    await insertProfile(tx, user.id, r, email);
    const token = await issueToken(tx, user.id, 'verify_email', now);
    return { kind: 'created' as const, userId: user.id, email, name: r.name.trim(), token };
  });
}

// The applicants columns a profile sets, normalised as stored.
export function profileColumns(p: ApplicantProfile) {
  return {
    name: p.name.trim(),
    nik: p.kind === 'person' ? digitsOnly(p.nik) : null,
    nib: p.kind === 'company' ? digitsOnly(p.nib) : null,
    npwp: p.kind === 'company' ? digitsOnly(p.npwp) : null,
    company_name: p.kind === 'company' ? p.companyName.trim() : null,
    phone: p.phone.trim(),
    address: p.address.trim(),
  };
}

async function insertProfile(tx: Tx, userId: string, p: ApplicantProfile, email: string | null): Promise<string> {
  const row = await tx.insertInto('applicants').values({ kind: p.kind, ...profileColumns(p), email, user_id: userId }).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

// The applicant record of an account, if it has one.
export async function applicantOf(db: Db | Tx, userId: string) {
  return db.selectFrom('applicants').selectAll().where('user_id', '=', userId).orderBy('id').limit(1).executeTakeFirst();
}

// An account made elsewhere (e.g. the demo applicant) completes its details once before applying.
export async function createApplicantProfile(db: Db, userId: string, p: ApplicantProfile): Promise<{ kind: 'invalid'; problems: FieldProblem[] } | { kind: 'ok'; applicantId: string }> {
  const problems = profileProblems(p);
  if (problems.length > 0) return { kind: 'invalid', problems };
  return db.transaction().execute(async (tx) => {
    const existing = await applicantOf(tx, userId);
    if (existing) return { kind: 'ok' as const, applicantId: existing.id };
    const user = await tx.selectFrom('users').select(['email', 'kind']).where('id', '=', userId).executeTakeFirstOrThrow();
    const id = await insertProfile(tx, userId, p, user.email);
    return { kind: 'ok' as const, applicantId: id };
  });
}
