// Whom an acting official (Plt./Plh.) acted for, as the audit trail and the permit record it:
// "plt:kepala-dinas" — the kind of assignment and the position acted for.
export type ActingKind = 'plt' | 'plh';

export const actingForCode = (kind: ActingKind, positionId: string): string => `${kind}:${positionId}`;

export function parseActingFor(code: string | null): { kind: ActingKind; positionId: string } | null {
  if (!code) return null;
  const [kind, positionId] = code.split(':');
  return positionId ? { kind: kind === 'plh' ? 'plh' : 'plt', positionId } : null;
}

export const actingTitle = (kind: ActingKind): string => (kind === 'plh' ? 'Plh.' : 'Plt.');
