// The permit renderer the document job uses: the PDF and the box its signature stamp goes in.
import { renderPermitPdfWithLayout, type PermitPdfInput } from './permit-pdf.ts';
import type { VisibleStamp } from '../signing/signer.ts';

export async function renderPermitForSigning(input: PermitPdfInput): Promise<{ pdf: Uint8Array; stamp: VisibleStamp }> {
  const { pdf, layout } = await renderPermitPdfWithLayout(input);
  return { pdf, stamp: layout.stamp };
}
