// The process diagram as SVG, drawn on the server from the same layout as the BPMN export,
// so the service page shows the flow without JavaScript. Accessible: an image with a title and
// a description that reads the flow step by step. Pure: no I/O.
import { exitsOf, type Target } from '../definition/flow.ts';
import type { ServiceDefinition } from '../definition/schema.ts';
import {
  escapeAttr,
  escapeText,
  flowLabelLines,
  FONT,
  layoutProcess,
  lineHeight,
  num,
  wrapText,
  type DiagramNode,
  type Rect,
} from './bpmn-layout.ts';

const INK = '#1f2933';
const LINE = '#52606d';
const FONT_FAMILY = "Arial, Helvetica, 'Liberation Sans', 'DejaVu Sans', sans-serif";

export interface BpmnSvgOptions {
  // Written before the service's name in the title and the pool's band.
  officeName?: string;
  // Prefix of the ids inside the SVG, so several diagrams can share one page.
  idPrefix?: string;
}

export function toBpmnSvg(def: ServiceDefinition, options: BpmnSvgOptions = {}): string {
  const d = layoutProcess(def);
  const prefix = (options.idPrefix ?? `bpmn-${def.office}-${def.slug}`).replace(/[^A-Za-z0-9_-]/g, '-');
  const titleId = `${prefix}-title`;
  const descId = `${prefix}-desc`;
  const arrowId = `${prefix}-arrow`;
  const office = options.officeName?.trim();
  const title = `Diagram alur proses: ${def.name}${office ? ` (${office})` : ''}`;

  const out: string[] = [];
  const push = (s: string) => out.push(s);
  push(
    `<svg xmlns="http://www.w3.org/2000/svg" class="bpmn-diagram" width="${num(d.width)}" height="${num(d.height)}" viewBox="0 0 ${num(d.width)} ${num(d.height)}" ` +
      `role="img" aria-labelledby="${titleId}" aria-describedby="${descId}" font-family="${escapeAttr(FONT_FAMILY)}" fill="${INK}">`,
  );
  push(`<title id="${titleId}">${escapeText(title)}</title>`);
  push(`<desc id="${descId}">${escapeText(describe(def))}</desc>`);
  push(
    `<defs><marker id="${arrowId}" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" markerHeight="7" orient="auto" markerUnits="userSpaceOnUse">` +
      `<path d="M0,0 L10,5 L0,10 z" fill="${LINE}"/></marker></defs>`,
  );

  // Pool and lanes.
  push(`<g class="bpmn-pool">`);
  push(rect(d.pool, { fill: '#ffffff', stroke: INK, 'stroke-width': '1.5' }));
  push(rect(d.poolHeader, { fill: '#e4e7eb', stroke: INK, 'stroke-width': '1.5' }));
  const poolLabel = wrapText(office ? `${def.name} — ${office}` : def.name, d.poolHeader.height - 20, FONT.pool, 1, true)[0] ?? '';
  const pcx = d.poolHeader.x + d.poolHeader.width / 2;
  const pcy = d.poolHeader.y + d.poolHeader.height / 2;
  push(
    `<text x="${num(pcx)}" y="${num(pcy)}" transform="rotate(-90 ${num(pcx)} ${num(pcy)})" text-anchor="middle" dominant-baseline="central" font-size="${FONT.pool}" font-weight="bold">${escapeText(poolLabel)}</text>`,
  );
  push('</g>');
  push(`<g class="bpmn-lanes">`);
  d.lanes.forEach((lane, i) => {
    push(`<g class="bpmn-lane" data-element-id="${lane.id}">`);
    push(rect(lane.bounds, { fill: i % 2 === 0 ? '#ffffff' : '#f8f9fb', stroke: INK, 'stroke-width': '1' }));
    push(rect(lane.header, { fill: '#f0f2f5', stroke: INK, 'stroke-width': '1' }));
    const maxLines = Math.floor((lane.header.height - 12) / lineHeight(FONT.lane));
    push(textBlock(wrapText(lane.name, lane.header.width - 16, FONT.lane, maxLines, true), lane.header, FONT.lane, { weight: 'bold' }));
    push('</g>');
  });
  push('</g>');

  // Flows under the shapes, their labels over everything.
  push(`<g class="bpmn-flows" fill="none" stroke="${LINE}" stroke-width="1.5">`);
  for (const f of d.flows) {
    const points = f.waypoints.map((p) => `${num(p.x)},${num(p.y)}`).join(' ');
    push(`<polyline class="bpmn-flow" data-element-id="${f.id}" points="${points}" marker-end="url(#${arrowId})" stroke-linejoin="round"/>`);
  }
  push('</g>');

  push(`<g class="bpmn-nodes">`);
  for (const n of d.nodes) push(node(n));
  push('</g>');

  push(`<g class="bpmn-flow-labels" font-size="${FONT.label}">`);
  for (const f of d.flows) {
    if (!f.label || !f.name) continue;
    push(textBlock(flowLabelLines(f.name, f.label), f.label, FONT.label, { halo: true, align: f.labelAlign ?? 'start' }));
  }
  push('</g>');
  push('</svg>');
  return `${out.join('\n')}\n`;
}

function node(n: DiagramNode): string {
  const b = n.bounds;
  const cx = b.x + b.width / 2;
  const cy = b.y + b.height / 2;
  const parts: string[] = [`<g class="bpmn-node bpmn-${n.kind}" data-element-id="${n.id}">`];
  switch (n.kind) {
    case 'userTask':
    case 'manualTask':
    case 'receiveTask': {
      const untracked = n.step?.tracked === false;
      const fill = n.kind === 'manualTask' && !untracked ? '#fff8e1' : n.kind === 'receiveTask' ? '#e8f1fb' : '#ffffff';
      const attrs: Record<string, string> = { fill, stroke: INK, 'stroke-width': '1.5', rx: '10', ry: '10' };
      if (untracked) attrs['stroke-dasharray'] = '5 3';
      parts.push(rect(b, attrs));
      parts.push(taskMarker(n.kind, b.x + 7, b.y + 6));
      // Below the type marker; a long name is set a size smaller before it is cut short.
      const inner: Rect = { x: b.x + 4, y: b.y + 18, width: b.width - 8, height: b.height - 20 };
      const fits = (size: number) => wrapText(n.name, inner.width - 6, size).length * lineHeight(size) <= inner.height;
      const size = fits(FONT.task) ? FONT.task : FONT.task - 1;
      const maxLines = Math.floor(inner.height / lineHeight(size));
      parts.push(textBlock(wrapText(n.name, inner.width - 6, size, maxLines), inner, size, {}));
      break;
    }
    case 'exclusiveGateway': {
      const pts = [`${num(cx)},${num(b.y)}`, `${num(b.x + b.width)},${num(cy)}`, `${num(cx)},${num(b.y + b.height)}`, `${num(b.x)},${num(cy)}`].join(' ');
      parts.push(`<polygon class="bpmn-gateway-shape" points="${pts}" fill="#ffffff" stroke="${INK}" stroke-width="1.5"/>`);
      const m = 9;
      parts.push(`<path d="M${num(cx - m)},${num(cy - m)} L${num(cx + m)},${num(cy + m)} M${num(cx + m)},${num(cy - m)} L${num(cx - m)},${num(cy + m)}" stroke="${INK}" stroke-width="3"/>`);
      // Its question repeats the step's title just left of it: shown on hover, not written.
      parts.push(`<title>${escapeText(n.name)}</title>`);
      break;
    }
    case 'startEvent':
    case 'endEvent':
    case 'intermediateCatchEvent': {
      const r = b.width / 2;
      const stroke = n.kind === 'endEvent' ? '4' : '1.5';
      parts.push(`<circle cx="${num(cx)}" cy="${num(cy)}" r="${num(n.kind === 'endEvent' ? r - 1.5 : r)}" fill="#ffffff" stroke="${INK}" stroke-width="${stroke}"/>`);
      if (n.kind === 'intermediateCatchEvent') {
        parts.push(`<circle cx="${num(cx)}" cy="${num(cy)}" r="${num(r - 3.5)}" fill="none" stroke="${INK}" stroke-width="1.5"/>`);
        parts.push(envelope(cx - 8, cy - 5.5, 16, 11));
      }
      if (n.label) {
        const lines = wrapText(n.name, n.label.width - 2, FONT.label);
        parts.push(textBlock(lines, n.label, FONT.label, { align: n.kind === 'intermediateCatchEvent' ? 'start' : 'middle' }));
      }
      break;
    }
  }
  parts.push('</g>');
  return parts.join('');
}

function taskMarker(kind: DiagramNode['kind'], x: number, y: number): string {
  if (kind === 'receiveTask') return envelope(x, y, 14, 10);
  if (kind === 'userTask') {
    // A person: head and shoulders.
    return (
      `<circle cx="${num(x + 6)}" cy="${num(y + 3.5)}" r="3.2" fill="none" stroke="${INK}" stroke-width="1"/>` +
      `<path d="M${num(x)},${num(y + 12)} C${num(x)},${num(y + 6.5)} ${num(x + 12)},${num(y + 6.5)} ${num(x + 12)},${num(y + 12)} Z" fill="none" stroke="${INK}" stroke-width="1"/>`
    );
  }
  // Manual: a hand, drawn as an open palm.
  return (
    `<path d="M${num(x)},${num(y + 5)} h8 a1.5,1.5 0 0 1 0,3 h-3 M${num(x + 5)},${num(y + 8)} h4 a1.5,1.5 0 0 1 0,3 h-4 M${num(x + 5)},${num(y + 11)} h3 ` +
      `a1.3,1.3 0 0 1 0,2.6 h-6 a2,2 0 0 1 -2,-2 v-6 l3,-3 h4" fill="none" stroke="${INK}" stroke-width="1"/>`
  );
}

function envelope(x: number, y: number, w: number, h: number): string {
  return (
    `<rect x="${num(x)}" y="${num(y)}" width="${num(w)}" height="${num(h)}" fill="#ffffff" stroke="${INK}" stroke-width="1"/>` +
    `<path d="M${num(x)},${num(y)} L${num(x + w / 2)},${num(y + h / 2)} L${num(x + w)},${num(y)}" fill="none" stroke="${INK}" stroke-width="1"/>`
  );
}

function rect(r: Rect, attrs: Record<string, string>): string {
  const extra = Object.entries(attrs)
    .map(([k, v]) => ` ${k}="${escapeAttr(v)}"`)
    .join('');
  return `<rect x="${num(r.x)}" y="${num(r.y)}" width="${num(r.width)}" height="${num(r.height)}"${extra}/>`;
}

interface TextOptions {
  align?: 'start' | 'middle' | 'end';
  weight?: 'bold';
  halo?: boolean;
}

// Lines of text in a box: centred (or aligned) horizontally, centred vertically.
function textBlock(lines: string[], box: Rect, size: number, o: TextOptions): string {
  if (lines.length === 0) return '';
  const lh = lineHeight(size);
  const align = o.align ?? 'middle';
  const x = align === 'start' ? box.x + 2 : align === 'end' ? box.x + box.width - 2 : box.x + box.width / 2;
  const height = lines.length * lh;
  const top = box.y + (box.height - height) / 2;
  const attrs = [
    `x="${num(x)}"`,
    `font-size="${size}"`,
    `text-anchor="${align}"`,
    o.weight ? `font-weight="${o.weight}"` : '',
    o.halo ? 'stroke="#ffffff" stroke-width="3" stroke-linejoin="round" paint-order="stroke"' : '',
  ]
    .filter(Boolean)
    .join(' ');
  const tspans = lines.map((l, i) => `<tspan x="${num(x)}" y="${num(top + i * lh + size * 0.9)}">${escapeText(l)}</tspan>`).join('');
  return `<text ${attrs}>${tspans}</text>`;
}

// The flow in words, for screen readers: the lanes, then every step with its actor and where
// each of its ways out leads.
function describe(def: ServiceDefinition): string {
  const roleName = new Map(def.roles.map((r) => [r.id, r.name]));
  const where = (t: Target): string => {
    if (t.kind === 'step') return `ke langkah ${t.step}`;
    if (t.kind === 'end') return t.end === 'completed' ? 'selesai' : 'permohonan ditolak';
    return `kembali ke pemohon untuk perbaikan, lalu langkah ${t.resumeAt}`;
  };
  const steps = def.steps.map((s, i) => {
    const head = `${s.no}. ${s.title} (${roleName.get(s.actor) ?? s.actor})`;
    const exits = exitsOf(def, i);
    if (exits.some((e) => e.label !== null)) return `${head}: ${exits.map((e) => `${e.label ?? ''} → ${where(e.target)}`).join('; ')}.`;
    return `${head} → ${exits.map((e) => where(e.target)).join('; ')}.`;
  });
  return `Diagram BPMN dengan ${def.roles.length} lajur peran: ${def.roles.map((r) => r.name).join(', ')}. Langkah: ${steps.join(' ')}`;
}
