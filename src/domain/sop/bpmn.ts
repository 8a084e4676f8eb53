// A service's SOP as a BPMN 2.0 diagram (XML with diagram interchange), for modelling tools
// such as bpmn.io, Camunda Modeler or Bizagi. Written by hand from the shared layout, so the
// export, the SVG on the service page and the definition can never tell different stories.
// Pure: no I/O.
import type { ServiceDefinition } from '../definition/schema.ts';
import { escapeAttr, escapeText, layoutProcess, num, type DiagramFlow, type DiagramNode, type Rect } from './bpmn-layout.ts';

const NS = {
  bpmn: 'http://www.omg.org/spec/BPMN/20100524/MODEL',
  bpmndi: 'http://www.omg.org/spec/BPMN/20100524/DI',
  dc: 'http://www.omg.org/spec/DD/20100524/DC',
  di: 'http://www.omg.org/spec/DD/20100524/DI',
  xsi: 'http://www.w3.org/2001/XMLSchema-instance',
};

export const BPMN_CONTENT_TYPE = 'application/bpmn+xml; charset=utf-8';

export function toBpmnXml(def: ServiceDefinition, officeName: string): string {
  const d = layoutProcess(def);
  const incoming = new Map<string, string[]>();
  const outgoing = new Map<string, string[]>();
  for (const f of d.flows) {
    (outgoing.get(f.sourceId) ?? outgoing.set(f.sourceId, []).get(f.sourceId)!).push(f.id);
    (incoming.get(f.targetId) ?? incoming.set(f.targetId, []).get(f.targetId)!).push(f.id);
  }
  const hasWait = d.nodes.some((n) => n.kind === 'intermediateCatchEvent');
  const participantName = officeName.trim() ? `${officeName.trim()}: ${def.name}` : def.name;
  const targetNamespace = `urn:satupintu:layanan:${def.office}:${def.slug}`;

  const out: string[] = [];
  const line = (depth: number, s: string) => out.push(`${'  '.repeat(depth)}${s}`);

  line(0, '<?xml version="1.0" encoding="UTF-8"?>');
  line(
    0,
    `<bpmn:definitions xmlns:bpmn="${NS.bpmn}" xmlns:bpmndi="${NS.bpmndi}" xmlns:dc="${NS.dc}" xmlns:di="${NS.di}" xmlns:xsi="${NS.xsi}" ` +
      `id="${d.ids.definitions}" targetNamespace="${escapeAttr(targetNamespace)}" exporter="satupintu" exporterVersion="1">`,
  );
  if (hasWait) line(1, `<bpmn:message id="${d.ids.message}" name="Berkas perbaikan dari pemohon" />`);
  line(1, `<bpmn:collaboration id="${d.ids.collaboration}">`);
  line(2, `<bpmn:participant id="${d.ids.participant}" name="${escapeAttr(participantName)}" processRef="${d.ids.process}" />`);
  line(1, '</bpmn:collaboration>');

  line(1, `<bpmn:process id="${d.ids.process}" name="${escapeAttr(def.name)}" isExecutable="false">`);
  const docParts = [def.summary, def.documentControl.code ? `Kode SOP: ${def.documentControl.code}` : undefined, `Waktu penyelesaian: ${def.serviceTime.text}`].filter(
    (s): s is string => Boolean(s),
  );
  line(2, `<bpmn:documentation>${escapeText(docParts.join('\n'))}</bpmn:documentation>`);
  line(2, `<bpmn:laneSet id="LaneSet_${d.ids.process.slice('Process_'.length)}">`);
  for (const lane of d.lanes) {
    if (lane.nodeIds.length === 0) {
      line(3, `<bpmn:lane id="${lane.id}" name="${escapeAttr(lane.name)}" />`);
      continue;
    }
    line(3, `<bpmn:lane id="${lane.id}" name="${escapeAttr(lane.name)}">`);
    for (const id of lane.nodeIds) line(4, `<bpmn:flowNodeRef>${id}</bpmn:flowNodeRef>`);
    line(3, '</bpmn:lane>');
  }
  line(2, '</bpmn:laneSet>');

  for (const n of d.nodes) writeNode(n, incoming.get(n.id) ?? [], outgoing.get(n.id) ?? [], d.ids.message, line);
  for (const f of d.flows) writeFlow(f, line);
  line(1, '</bpmn:process>');

  line(1, `<bpmndi:BPMNDiagram id="${d.ids.diagram}" name="${escapeAttr(def.name)}">`);
  line(2, `<bpmndi:BPMNPlane id="${d.ids.plane}" bpmnElement="${d.ids.collaboration}">`);
  shape(3, d.ids.participant, d.pool, ' isHorizontal="true"', undefined, line);
  for (const lane of d.lanes) shape(3, lane.id, lane.bounds, ' isHorizontal="true"', undefined, line);
  for (const n of d.nodes) shape(3, n.id, n.bounds, n.kind === 'exclusiveGateway' ? ' isMarkerVisible="true"' : '', n.label, line);
  for (const f of d.flows) {
    line(3, `<bpmndi:BPMNEdge id="${f.id}_di" bpmnElement="${f.id}">`);
    for (const p of f.waypoints) line(4, `<di:waypoint x="${num(p.x)}" y="${num(p.y)}" />`);
    if (f.label) labelOf(4, f.label, line);
    line(3, '</bpmndi:BPMNEdge>');
  }
  line(2, '</bpmndi:BPMNPlane>');
  line(1, '</bpmndi:BPMNDiagram>');
  line(0, '</bpmn:definitions>');
  return `${out.join('\n')}\n`;
}

type Line = (depth: number, s: string) => void;

function writeNode(n: DiagramNode, inc: string[], outg: string[], messageId: string, line: Line): void {
  line(2, `<bpmn:${n.kind} id="${n.id}" name="${escapeAttr(n.name)}">`);
  if (n.documentation) line(3, `<bpmn:documentation>${escapeText(n.documentation)}</bpmn:documentation>`);
  for (const id of inc) line(3, `<bpmn:incoming>${id}</bpmn:incoming>`);
  for (const id of outg) line(3, `<bpmn:outgoing>${id}</bpmn:outgoing>`);
  if (n.kind === 'intermediateCatchEvent') line(3, `<bpmn:messageEventDefinition id="${n.id}_pesan" messageRef="${messageId}" />`);
  line(2, `</bpmn:${n.kind}>`);
}

function writeFlow(f: DiagramFlow, line: Line): void {
  const name = f.name ? ` name="${escapeAttr(f.name)}"` : '';
  const head = `<bpmn:sequenceFlow id="${f.id}"${name} sourceRef="${f.sourceId}" targetRef="${f.targetId}"`;
  if (f.outcomeId === undefined) {
    line(2, `${head} />`);
    return;
  }
  // A gateway's way out is taken when the official chose that outcome.
  line(2, `${head}>`);
  line(3, `<bpmn:conditionExpression xsi:type="bpmn:tFormalExpression">${escapeText(`outcome = '${f.outcomeId}'`)}</bpmn:conditionExpression>`);
  line(2, '</bpmn:sequenceFlow>');
}

function shape(depth: number, id: string, r: Rect, attrs: string, label: Rect | undefined, line: Line): void {
  line(depth, `<bpmndi:BPMNShape id="${id}_di" bpmnElement="${id}"${attrs}>`);
  line(depth + 1, bounds(r));
  if (label) labelOf(depth + 1, label, line);
  line(depth, '</bpmndi:BPMNShape>');
}

function labelOf(depth: number, r: Rect, line: Line): void {
  line(depth, '<bpmndi:BPMNLabel>');
  line(depth + 1, bounds(r));
  line(depth, '</bpmndi:BPMNLabel>');
}

const bounds = (r: Rect) => `<dc:Bounds x="${num(r.x)}" y="${num(r.y)}" width="${num(r.width)}" height="${num(r.height)}" />`;
