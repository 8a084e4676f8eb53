// Personal data on printed documents (UU 27/2022): a NIK is shown only by its last four digits,
// enough for the holder to recognise it and for an official to match it against the file.
const VISIBLE = 4;

// '3374012345670001' → '************0001'. Spaces and dots people type are dropped first; an
// identifier of four characters or fewer is masked entirely.
export function maskIdentifier(value: string, visible = VISIBLE): string {
  const cleaned = value.replace(/[\s.]/g, '');
  if (cleaned.length <= visible) return '*'.repeat(cleaned.length);
  return '*'.repeat(cleaned.length - visible) + cleaned.slice(-visible);
}

export function maskNik(nik: string): string {
  return maskIdentifier(nik, VISIBLE);
}
