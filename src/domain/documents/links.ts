// The public addresses printed on documents and in their QR codes.

function base(publicUrl: string): string {
  const url = new URL(publicUrl);
  return url.href.replace(/\/+$/, '');
}

// {PUBLIC_URL}/verifikasi/{code}: the public page that shows whether a permit is genuine.
export function verificationUrl(publicUrl: string, code: string): string {
  return `${base(publicUrl)}/verifikasi/${encodeURIComponent(code)}`;
}

// {PUBLIC_URL}/lacak/{trackingCode}: the public page that shows where an application stands.
export function trackingUrl(publicUrl: string, trackingCode: string): string {
  return `${base(publicUrl)}/lacak/${encodeURIComponent(trackingCode)}`;
}
