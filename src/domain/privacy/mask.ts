// Personal data shown to the public is masked: enough to recognise, not enough to identify.
export function maskName(name: string): string {
  return name
    .trim()
    .split(/\s+/)
    .map((w) => (w.length <= 2 ? w : `${w.slice(0, 2)}${'*'.repeat(Math.min(w.length - 2, 6))}`))
    .join(' ');
}
