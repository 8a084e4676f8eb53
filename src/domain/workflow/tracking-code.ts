// Public tracking codes: short, easy to read aloud and type, with no look-alike characters
// (no 0/O, 1/I/L). 31 symbols, 8 of them: about 8.5 × 10^11 codes.
export const TRACKING_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';

export function trackingCode(randomBytes: (n: number) => Uint8Array): string {
  const bytes = randomBytes(16);
  let out = '';
  for (const b of bytes) {
    // Rejection sampling keeps every symbol equally likely.
    if (b >= 248) continue;
    out += TRACKING_ALPHABET[b % 31];
    if (out.length === 8) return `${out.slice(0, 4)}-${out.slice(4)}`;
  }
  return trackingCode(randomBytes);
}

export const TRACKING_CODE_PATTERN = /^[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}$/;

// People type codes in lower case, without the dash, or with look-alikes; read them kindly.
export function normalizeTrackingCode(input: string): string | null {
  const cleaned = input.trim().toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0');
  if (cleaned.length !== 8 || /[01IL]/.test(cleaned)) return null;
  const code = `${cleaned.slice(0, 4)}-${cleaned.slice(4)}`;
  return TRACKING_CODE_PATTERN.test(code) ? code : null;
}
