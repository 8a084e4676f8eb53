// The process diagram of a service definition: which BPMN elements its SOP becomes, and where
// they stand. Shared by the BPMN 2.0 export (bpmn.ts) and the server-rendered SVG
// (bpmn-svg.ts), so both show the same drawing with the same coordinates.
//
// Mapping: one lane per role (in the definition's order), a start event before the first
// step, one task per step, an exclusive gateway after every step with two or more outcomes,
// one sequence flow per exit of a step (flow.ts decides the exits), an intermediate message
// catch event "menunggu perbaikan pemohon" in the applicant's lane for every return to the
// applicant (the clock pauses there; the corrected file resumes at `resumeAt`), and an end
// event per kind of end that some exit reaches ("Selesai", "Ditolak").
//
// Layout: lanes are horizontal bands; the steps stand left to right in their order, each in
// its actor's lane, its gateway just right of it; sequence flows are orthogonal polylines,
// routed around the shapes (returns run through the free margins of the lanes).
import { exitsOf, type Exit, type Target } from '../definition/flow.ts';
import type { Role, ServiceDefinition, Step } from '../definition/schema.ts';

export interface Point {
  x: number;
  y: number;
}

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export type TaskKind = 'userTask' | 'manualTask' | 'receiveTask';
export type NodeKind = TaskKind | 'startEvent' | 'endEvent' | 'exclusiveGateway' | 'intermediateCatchEvent';

export interface DiagramNode {
  id: string;
  kind: NodeKind;
  name: string;
  laneId: string;
  bounds: Rect;
  // Where the name is written, for events and gateways (tasks carry their name inside).
  label?: Rect;
  // The step a task or gateway stands for.
  step?: Step;
  end?: 'completed' | 'rejected';
  documentation?: string;
}

export interface DiagramFlow {
  id: string;
  sourceId: string;
  targetId: string;
  // Outcome label, on the flows leaving a step through one of its outcomes.
  name?: string;
  // The outcome a gateway's flow stands for: such a flow carries a condition.
  outcomeId?: string;
  waypoints: Point[];
  label?: Rect;
  // Which edge of the label lies against its flow's line, so text is drawn against it.
  labelAlign?: 'start' | 'end';
}

export interface DiagramLane {
  id: string;
  role: Role;
  name: string;
  bounds: Rect;
  // The band at the left of the lane where its name is written.
  header: Rect;
  nodeIds: string[];
}

export interface ProcessDiagram {
  ids: { definitions: string; collaboration: string; participant: string; process: string; diagram: string; plane: string; message: string };
  serviceName: string;
  pool: Rect;
  // The band at the left of the pool where the service's name is written (vertically).
  poolHeader: Rect;
  lanes: DiagramLane[];
  nodes: DiagramNode[];
  flows: DiagramFlow[];
  // Size of the drawing, margins included; every coordinate is inside it.
  width: number;
  height: number;
}

// Geometry, in pixels (BPMN DI and SVG user units alike).
export const GEOMETRY = {
  margin: 10,
  poolHeader: 30,
  laneHeader: 140,
  laneHeight: 140,
  taskWidth: 120,
  taskHeight: 80,
  gateway: 50,
  event: 36,
  // Between a task and its gateway, and between one step's column and the next (wider after
  // a gateway: its outcome labels stand there).
  taskToGateway: 30,
  columnGap: 80,
  gatewayColumnGap: 120,
  firstGap: 30,
} as const;

// Text sizes, used to size labels here and to write them in the SVG.
export const FONT = { task: 11, label: 10, lane: 11, pool: 12, lineHeight: 1.2 } as const;

export const WAIT_NAME = 'Menunggu perbaikan pemohon';
export const START_NAME = 'Mulai';
export const END_NAMES = { completed: 'Selesai', rejected: 'Ditolak' } as const;

// ---------------------------------------------------------------------------------------
// Text metrics: advance widths (in em) close to DejaVu Sans, one of the wider common sans
// fonts, so text measured here fits whichever sans-serif font draws it.

const NARROW: Record<string, number> = {
  ' ': 0.318, i: 0.278, j: 0.278, l: 0.278, I: 0.295, f: 0.352, t: 0.392, r: 0.411, s: 0.521, c: 0.55, z: 0.525,
  '.': 0.318, ',': 0.318, ':': 0.337, ';': 0.337, "'": 0.275, '"': 0.46, '!': 0.4, '/': 0.337, '\\': 0.337, '|': 0.337,
  '(': 0.39, ')': 0.39, '[': 0.39, ']': 0.39, '-': 0.361, m: 0.974, w: 0.818, M: 0.863, W: 0.989, '@': 1, '&': 0.78, '+': 0.838,
};

export function textWidth(text: string, size: number, bold = false): number {
  let w = 0;
  for (const ch of text) {
    const known = NARROW[ch];
    if (known !== undefined) w += known;
    else if (/[a-z]/.test(ch)) w += 0.615;
    else if (/[A-Z]/.test(ch)) w += 0.72;
    else if (/[0-9]/.test(ch)) w += 0.636;
    else w += 0.62;
  }
  return w * size * (bold ? 1.1 : 1);
}

// Words wrapped into lines no wider than maxWidth; a word longer than a line is cut. With
// maxLines, the last line kept ends in an ellipsis when text was left out.
export function wrapText(text: string, maxWidth: number, size: number, maxLines = Infinity, bold = false): string[] {
  const width = (t: string) => textWidth(t, size, bold);
  const words = text.trim().split(/\s+/).filter((w) => w.length > 0);
  const lines: string[] = [];
  let line = '';
  const push = (l: string) => lines.push(l);
  for (let word of words) {
    while (width(word) > maxWidth) {
      if (line) {
        push(line);
        line = '';
      }
      let cut = 1;
      while (cut < word.length && width(word.slice(0, cut + 1)) <= maxWidth) cut++;
      push(word.slice(0, cut));
      word = word.slice(cut);
    }
    if (!word) continue;
    const candidate = line ? `${line} ${word}` : word;
    if (width(candidate) <= maxWidth) line = candidate;
    else {
      push(line);
      line = word;
    }
  }
  if (line) push(line);
  if (lines.length > maxLines) {
    const kept = lines.slice(0, Math.max(1, maxLines));
    let last = kept[kept.length - 1]!;
    while (last.length > 1 && width(`${last}…`) > maxWidth) last = last.slice(0, -1).trimEnd();
    kept[kept.length - 1] = `${last}…`;
    return kept;
  }
  return lines;
}

export const lineHeight = (size: number) => Math.round(size * FONT.lineHeight);

// ---------------------------------------------------------------------------------------
// Identifiers: valid XML names (NCName), stable for a given definition.

export const stepNodeId = (no: number) => `Step_${no}`;
export const gatewayNodeId = (no: number) => `Gateway_${no}`;
export const START_ID = 'StartEvent';
export const endNodeId = (end: 'completed' | 'rejected') => (end === 'completed' ? 'EndEvent_selesai' : 'EndEvent_ditolak');
export const laneId = (roleId: string) => `Lane_${roleId}`;

// A name for anything else a diagram needs (NCName: a letter first, then letters, digits, - _ .).
const ncName = (s: string) => s.replace(/[^A-Za-z0-9_.-]/g, '_');

export function taskKindOf(step: Step, role: Role | undefined): TaskKind {
  if (role?.kind === 'applicant' || step.kind === 'applicant') return 'manualTask';
  if (role?.kind === 'external' || step.kind === 'external') return 'receiveTask';
  // A step done outside the system (asking at the desk) is shown, not tracked: a manual task.
  if (!step.tracked) return 'manualTask';
  return 'userTask';
}

export const hasGateway = (step: Step) => (step.outcomes?.length ?? 0) >= 2;

export function gatewayName(step: Step): string {
  return step.title.endsWith('?') ? step.title : `${step.title}?`;
}

export const taskName = (step: Step) => `${step.no}. ${step.title}`;

// ---------------------------------------------------------------------------------------
// The diagram.

interface PendingFlow {
  id: string;
  sourceId: string;
  targetId: string;
  name?: string;
  outcomeId?: string;
}

export function layoutProcess(def: ServiceDefinition): ProcessDiagram {
  const G = GEOMETRY;
  const slug = ncName(def.slug);
  const ids = {
    definitions: `Definitions_${slug}`,
    collaboration: `Collaboration_${slug}`,
    participant: `Participant_${slug}`,
    process: `Process_${slug}`,
    diagram: `BPMNDiagram_${slug}`,
    plane: `BPMNPlane_${slug}`,
    message: 'Message_perbaikan',
  };

  const poolX = G.margin;
  const poolY = G.margin;
  const laneX = poolX + G.poolHeader;
  const roleIndex = new Map(def.roles.map((r, i) => [r.id, i]));
  const laneTop = (i: number) => poolY + i * G.laneHeight;
  const laneMid = (i: number) => laneTop(i) + G.laneHeight / 2;
  const laneOf = (roleId: string) => roleIndex.get(roleId) ?? 0;
  const applicantLane = def.roles.findIndex((r) => r.kind === 'applicant');

  const lanes: DiagramLane[] = def.roles.map((role, i) => ({
    id: laneId(role.id),
    role,
    name: role.name,
    bounds: { x: laneX, y: laneTop(i), width: 0, height: G.laneHeight },
    header: { x: laneX, y: laneTop(i), width: G.laneHeader, height: G.laneHeight },
    nodeIds: [],
  }));

  const nodes: DiagramNode[] = [];
  const pending: PendingFlow[] = [];
  // Free vertical bands between columns, where flows may run up and down.
  const gaps: Array<[number, number]> = [];
  const addNode = (node: DiagramNode, lane: number) => {
    nodes.push(node);
    lanes[lane]?.nodeIds.push(node.id);
  };
  const circle = (cx: number, cy: number): Rect => ({ x: cx - G.event / 2, y: cy - G.event / 2, width: G.event, height: G.event });

  const exits = def.steps.map((_, i) => exitsOf(def, i));
  // The "Selesai" end stands after the last step that completes the case, the "Ditolak" end
  // after the first that rejects it.
  let completedAnchor = -1;
  let rejectedAnchor = -1;
  exits.forEach((es, i) => {
    if (es.some((e) => e.target.kind === 'end' && e.target.end === 'completed')) completedAnchor = i;
    if (rejectedAnchor < 0 && es.some((e) => e.target.kind === 'end' && e.target.end === 'rejected')) rejectedAnchor = i;
  });

  let cursor = laneX + G.laneHeader + G.firstGap;
  const first = def.steps[0];
  if (first) {
    const lane = laneOf(first.actor);
    const bounds = circle(cursor + G.event / 2, laneMid(lane));
    addNode({ id: START_ID, kind: 'startEvent', name: START_NAME, laneId: lanes[lane]!.id, bounds, label: labelBelow(bounds, START_NAME) }, lane);
    pending.push({ id: `Flow_Start_${first.no}`, sourceId: START_ID, targetId: stepNodeId(first.no) });
    gaps.push([cursor + G.event, cursor + G.event + 50]);
    cursor += G.event + 50;
  }

  const targetNode = (t: Target): string =>
    t.kind === 'step' ? stepNodeId(t.step) : t.kind === 'end' ? endNodeId(t.end) : '';
  const targetToken = (t: Target): string =>
    t.kind === 'step' ? String(t.step) : t.kind === 'end' ? (t.end === 'completed' ? 'selesai' : 'ditolak') : 'perbaikan';

  def.steps.forEach((step, i) => {
    const lane = laneOf(step.actor);
    const mid = laneMid(lane);
    const role = def.roles[lane];
    const task: Rect = { x: cursor, y: mid - G.taskHeight / 2, width: G.taskWidth, height: G.taskHeight };
    addNode(
      {
        id: stepNodeId(step.no),
        kind: taskKindOf(step, role),
        name: taskName(step),
        laneId: lanes[lane]!.id,
        bounds: task,
        step,
        documentation: step.tracked ? step.activity : `(Tidak dicatat di sistem) ${step.activity}`,
      },
      lane,
    );
    let right = task.x + task.width;
    const gateway = hasGateway(step);
    let source = stepNodeId(step.no);
    let decisionX = right + 30;
    if (gateway) {
      const gx = right + G.taskToGateway;
      const bounds: Rect = { x: gx, y: mid - G.gateway / 2, width: G.gateway, height: G.gateway };
      const name = gatewayName(step);
      addNode({ id: gatewayNodeId(step.no), kind: 'exclusiveGateway', name, laneId: lanes[lane]!.id, bounds, label: gatewayLabel(bounds, name, laneTop(lane)), step }, lane);
      pending.push({ id: `Flow_${step.no}_Gateway_${step.no}`, sourceId: source, targetId: gatewayNodeId(step.no) });
      source = gatewayNodeId(step.no);
      right = gx + G.gateway;
      decisionX = gx + G.gateway / 2;
    }

    let waits = 0;
    const stepExits: Exit[] = exits[i]!;
    for (const exit of stepExits) {
      const suffix = exit.outcomeId !== null ? `_${exit.outcomeId}` : '';
      const name = exit.label ?? undefined;
      const outcomeId = gateway && exit.outcomeId !== null ? exit.outcomeId : undefined;
      if (exit.target.kind === 'applicant') {
        const waitId = `Wait_${step.no}${suffix}`;
        const waitLane = applicantLane >= 0 ? applicantLane : lane;
        // Side by side when a step returns to the applicant in more than one way, each
        // with its label at its right.
        const spacing = G.event + WAIT_LABEL_WIDTH + 16;
        const cx = waitLane === lane ? right + 40 + waits * spacing : decisionX + waits * spacing;
        const bounds = circle(cx, laneMid(waitLane));
        addNode({ id: waitId, kind: 'intermediateCatchEvent', name: WAIT_NAME, laneId: lanes[waitLane]!.id, bounds, label: labelRight(bounds, WAIT_NAME) }, waitLane);
        right = Math.max(right, bounds.x + bounds.width);
        waits++;
        pending.push({ id: `Flow_${step.no}_${targetToken(exit.target)}${suffix}`, sourceId: source, targetId: waitId, name, outcomeId });
        pending.push({ id: `Flow_${waitId}_${exit.target.resumeAt}`, sourceId: waitId, targetId: stepNodeId(exit.target.resumeAt) });
      } else {
        pending.push({ id: `Flow_${step.no}_${targetToken(exit.target)}${suffix}`, sourceId: source, targetId: targetNode(exit.target), name, outcomeId });
      }
    }

    for (const [anchor, end] of [[rejectedAnchor, 'rejected'], [completedAnchor, 'completed']] as const) {
      if (anchor !== i) continue;
      // Room before the end for the label of the way that leads there.
      const label = stepExits.find((e) => e.target.kind === 'end' && e.target.end === end)?.label;
      const room = label ? Math.min(150, textWidth(label, FONT.label) + 30) : 0;
      const bounds = circle(right + Math.max(60, room) + G.event / 2, mid);
      addNode({ id: endNodeId(end), kind: 'endEvent', name: END_NAMES[end], laneId: lanes[lane]!.id, bounds, label: labelBelow(bounds, END_NAMES[end]), end }, lane);
      right = bounds.x + bounds.width;
    }
    const gap = gateway ? G.gatewayColumnGap : G.columnGap;
    gaps.push([right, right + gap]);
    cursor = right + gap;
  });

  const poolWidth = (gaps.length > 0 ? gaps[gaps.length - 1]![0] : cursor) + 40 - poolX;
  for (const lane of lanes) lane.bounds.width = poolWidth - G.poolHeader;
  const pool: Rect = { x: poolX, y: poolY, width: poolWidth, height: Math.max(1, lanes.length) * G.laneHeight };
  const poolHeader: Rect = { x: poolX, y: poolY, width: G.poolHeader, height: pool.height };

  const flows = routeFlows(pending, nodes, lanes, gaps, pool);
  return {
    ids,
    serviceName: def.name,
    pool,
    poolHeader,
    lanes,
    nodes,
    flows,
    width: pool.x + pool.width + G.margin,
    height: pool.y + pool.height + G.margin,
  };
}

function labelBelow(bounds: Rect, name: string): Rect {
  const width = 90;
  const lines = wrapText(name, width, FONT.label);
  const w = Math.min(width, Math.ceil(Math.max(...lines.map((l) => textWidth(l, FONT.label))))) + 4;
  return { x: bounds.x + bounds.width / 2 - w / 2, y: bounds.y + bounds.height + 4, width: w, height: lines.length * lineHeight(FONT.label) };
}

const WAIT_LABEL_WIDTH = 66;
function labelRight(bounds: Rect, name: string): Rect {
  const width = WAIT_LABEL_WIDTH;
  const lines = wrapText(name, width, FONT.label);
  const h = lines.length * lineHeight(FONT.label);
  return { x: bounds.x + bounds.width + 4, y: bounds.y + bounds.height / 2 - h / 2, width: width + 2, height: h };
}

// Up and to the right of the diamond, clear of flows leaving its top and right corners, and
// inside its lane (a long question is cut short).
const GATEWAY_LABEL_WIDTH = 84;
function gatewayLabel(bounds: Rect, name: string, laneY: number): Rect {
  const maxLines = Math.max(1, Math.floor((bounds.y - 4 - laneY) / lineHeight(FONT.label)));
  const h = wrapText(name, GATEWAY_LABEL_WIDTH, FONT.label, maxLines).length * lineHeight(FONT.label);
  return { x: bounds.x + bounds.width / 2 + 6, y: bounds.y - 2 - h, width: GATEWAY_LABEL_WIDTH + 2, height: h };
}

// ---------------------------------------------------------------------------------------
// Routing: every flow is an orthogonal polyline from a side of its source to a side of its
// target. Candidate shapes (straight, one bend, two or three bends through a free band) are
// scored — length, bends, shapes crossed, labels covered, other flows overlapped or crossed —
// and the cheapest is kept. Flows going forward are routed first, then returns, each
// shortest first, so the common path stays straight.

type Side = 'left' | 'right' | 'top' | 'bottom';
interface Port extends Point {
  side: Side;
}
interface Segment {
  a: Point;
  b: Point;
  sourceId: string;
  targetId: string;
  labelled: boolean;
}

function portOf(r: Rect, side: Side): Port {
  switch (side) {
    case 'left':
      return { x: r.x, y: r.y + r.height / 2, side };
    case 'right':
      return { x: r.x + r.width, y: r.y + r.height / 2, side };
    case 'top':
      return { x: r.x + r.width / 2, y: r.y, side };
    case 'bottom':
      return { x: r.x + r.width / 2, y: r.y + r.height, side };
  }
}

const horizontal = (s: Side) => s === 'left' || s === 'right';

// Whether leaving `p` through its side towards `to` moves outward.
function leaves(p: Port, to: Point): boolean {
  switch (p.side) {
    case 'left':
      return to.x < p.x && to.y === p.y;
    case 'right':
      return to.x > p.x && to.y === p.y;
    case 'top':
      return to.y < p.y && to.x === p.x;
    case 'bottom':
      return to.y > p.y && to.x === p.x;
  }
}

function simplify(points: Point[]): Point[] {
  const out: Point[] = [];
  for (const p of points) {
    const last = out[out.length - 1];
    if (last && last.x === p.x && last.y === p.y) continue;
    out.push({ x: p.x, y: p.y });
  }
  // Drop middle points of straight runs.
  for (let i = out.length - 2; i > 0; i--) {
    const a = out[i - 1]!;
    const b = out[i]!;
    const c = out[i + 1]!;
    if ((a.x === b.x && b.x === c.x) || (a.y === b.y && b.y === c.y)) out.splice(i, 1);
  }
  return out;
}

function isOrthogonal(points: Point[]): boolean {
  for (let i = 1; i < points.length; i++) {
    const a = points[i - 1]!;
    const b = points[i]!;
    if (a.x !== b.x && a.y !== b.y) return false;
  }
  return true;
}

// Does the axis-parallel segment a-b pass through the rectangle grown by pad?
function hits(a: Point, b: Point, r: Rect, pad: number): boolean {
  const x1 = Math.min(a.x, b.x);
  const x2 = Math.max(a.x, b.x);
  const y1 = Math.min(a.y, b.y);
  const y2 = Math.max(a.y, b.y);
  return x1 < r.x + r.width + pad && x2 > r.x - pad && y1 < r.y + r.height + pad && y2 > r.y - pad;
}

// How far two collinear segments share their line: > 0 overlapping, 0 touching end to end,
// < 0 apart or not collinear.
function overlap(s: Segment, a: Point, b: Point): number {
  const sh = s.a.y === s.b.y;
  const h = a.y === b.y;
  if (sh !== h) return -1;
  if (sh) {
    if (Math.abs(s.a.y - a.y) > 5) return -1;
    return Math.min(Math.max(s.a.x, s.b.x), Math.max(a.x, b.x)) - Math.max(Math.min(s.a.x, s.b.x), Math.min(a.x, b.x));
  }
  if (Math.abs(s.a.x - a.x) > 5) return -1;
  return Math.min(Math.max(s.a.y, s.b.y), Math.max(a.y, b.y)) - Math.max(Math.min(s.a.y, s.b.y), Math.min(a.y, b.y));
}

function crosses(s: Segment, a: Point, b: Point): boolean {
  const sh = s.a.y === s.b.y;
  const h = a.y === b.y;
  if (sh === h) return false;
  const [hs, vs] = sh ? [[s.a, s.b], [a, b]] : [[a, b], [s.a, s.b]];
  const hy = hs[0]!.y;
  const vx = vs[0]!.x;
  return (
    vx > Math.min(hs[0]!.x, hs[1]!.x) && vx < Math.max(hs[0]!.x, hs[1]!.x) &&
    hy > Math.min(vs[0]!.y, vs[1]!.y) && hy < Math.max(vs[0]!.y, vs[1]!.y)
  );
}

function routeFlows(pending: PendingFlow[], nodes: DiagramNode[], lanes: DiagramLane[], gaps: Array<[number, number]>, pool: Rect): DiagramFlow[] {
  const G = GEOMETRY;
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const labels = nodes.flatMap((n) => (n.label ? [n.label] : []));
  const used: Segment[] = [];

  const corridors: number[] = [];
  for (const lane of lanes) {
    const top = lane.bounds.y;
    const bottom = top + lane.bounds.height;
    corridors.push(top + 7, top + 14, top + 21, bottom - 7, bottom - 14, bottom - 21);
  }
  const channels: number[] = [];
  for (const [from, to] of gaps) for (let x = from + 12; x <= to - 12; x += 12) channels.push(x);

  const innerX1 = pool.x + G.poolHeader + G.laneHeader;
  const innerX2 = pool.x + pool.width;

  const baseCost = (points: Point[]): number => {
    let cost = (points.length - 2) * 25;
    for (let i = 1; i < points.length; i++) cost += Math.abs(points[i - 1]!.x - points[i]!.x) + Math.abs(points[i - 1]!.y - points[i]!.y);
    return cost;
  };
  const penalties = (points: Point[], flow: PendingFlow): number => {
    const source = byId.get(flow.sourceId)!;
    const target = byId.get(flow.targetId)!;
    let cost = 0;
    for (let i = 1; i < points.length; i++) {
      const a = points[i - 1]!;
      const b = points[i]!;
      if (Math.min(a.x, b.x) < innerX1 || Math.max(a.x, b.x) > innerX2 || Math.min(a.y, b.y) < pool.y || Math.max(a.y, b.y) > pool.y + pool.height) cost += 100000;
      for (const n of nodes) {
        if (n === source) {
          if (i > 1 && hits(a, b, n.bounds, 0)) cost += 10000;
          continue;
        }
        if (n === target) {
          if (i < points.length - 1 && hits(a, b, n.bounds, 0)) cost += 10000;
          continue;
        }
        if (hits(a, b, n.bounds, 6)) cost += 10000;
      }
      for (const l of labels) if (hits(a, b, l, 1)) cost += 150;
      for (const s of used) {
        const shared = overlap(s, a, b);
        const sameWay = Math.sign(s.b.x - s.a.x) === Math.sign(b.x - a.x) && Math.sign(s.b.y - s.a.y) === Math.sign(b.y - a.y);
        if (shared > 1) {
          // Flows into one target may merge when they run the same way; flows out of one
          // source may share their start unless both carry a label (it would be ambiguous).
          const merge = s.targetId === flow.targetId && s.sourceId !== flow.sourceId && sameWay;
          const fork = s.sourceId === flow.sourceId && s.targetId !== flow.targetId && sameWay && !(s.labelled && flow.name);
          if (!merge && !fork) cost += 600;
        } else if (shared >= 0 && !sameWay) {
          // Two flows meeting head on read as one line.
          cost += 600;
        } else if (crosses(s, a, b)) cost += 12;
      }
    }
    // Lines running along a lane's border look like the border.
    for (let i = 1; i < points.length; i++) {
      const a = points[i - 1]!;
      const b = points[i]!;
      if (a.y === b.y && lanes.some((l) => Math.abs(l.bounds.y - a.y) < 4 || Math.abs(l.bounds.y + l.bounds.height - a.y) < 4)) cost += 200;
    }
    return cost;
  };

  const candidates = (source: DiagramNode, target: DiagramNode): Point[][] => {
    const out: Point[][] = [];
    const exitSides: Side[] = source.kind === 'intermediateCatchEvent' || source.kind === 'startEvent' ? ['right', 'top', 'bottom', 'left'] : ['right', 'top', 'bottom'];
    const entrySides: Side[] = ['left', 'top', 'bottom'];
    for (const ps of exitSides) {
      const p = portOf(source.bounds, ps);
      for (const qs of entrySides) {
        const q = portOf(target.bounds, qs);
        // The target's side is entered moving inward: the route's last point before q is
        // outside that side.
        const enters = (from: Point) => leaves(q, from);
        // Bands further than a lane beyond both ends, or channels far from the target, only
        // make a route longer: leave them out.
        const ys = corridors.filter((y) => y > Math.min(p.y, q.y) - G.laneHeight && y < Math.max(p.y, q.y) + G.laneHeight);
        const xs = channels.filter((x) => x < Math.max(p.x, q.x) + 100 && x > Math.min(p.x, q.x) - 100);
        const push = (pts: Point[]) => {
          const s = simplify(pts);
          if (s.length < 2 || !isOrthogonal(s)) return;
          if (!leaves(p, s[1]!)) return;
          if (!enters(s[s.length - 2]!)) return;
          out.push(s);
        };
        if (horizontal(ps) && horizontal(qs)) {
          if (p.y === q.y) push([p, q]);
          for (const x of [...xs, (p.x + q.x) / 2, q.x - 20, p.x + 20]) push([p, { x, y: p.y }, { x, y: q.y }, q]);
        } else if (horizontal(ps) && !horizontal(qs)) {
          push([p, { x: q.x, y: p.y }, q]);
          const dx = ps === 'left' ? -1 : 1;
          for (const x of [p.x + 15 * dx, p.x + 27 * dx, ...xs.filter((c) => Math.abs(c - p.x) < 80)]) {
            for (const y of ys) push([p, { x, y: p.y }, { x, y }, { x: q.x, y }, q]);
          }
        } else if (!horizontal(ps) && horizontal(qs)) {
          push([p, { x: p.x, y: q.y }, q]);
          for (const y of ys) for (const x of [...xs.filter((c) => Math.abs(c - q.x) < 160), q.x - 20]) push([p, { x: p.x, y }, { x, y }, { x, y: q.y }, q]);
        } else {
          if (p.x === q.x) push([p, q]);
          for (const y of [...ys, (p.y + q.y) / 2]) push([p, { x: p.x, y }, { x: q.x, y }, q]);
        }
      }
    }
    return out;
  };

  const order = pending
    .map((f, i) => {
      const s = byId.get(f.sourceId)!.bounds;
      const t = byId.get(f.targetId)!.bounds;
      const back = t.x < s.x;
      return { f, i, back, span: Math.abs(t.x - s.x) };
    })
    .sort((a, b) => Number(a.back) - Number(b.back) || a.span - b.span || a.i - b.i);

  const routed = new Map<string, Point[]>();
  for (const { f } of order) {
    const source = byId.get(f.sourceId);
    const target = byId.get(f.targetId);
    if (!source || !target) throw new Error(`flow ${f.id}: no node ${source ? f.targetId : f.sourceId}`);
    // Cheapest first by length and bends alone; the penalties only add, so once that base
    // cost reaches the best total, nothing later can win.
    const ranked = candidates(source, target)
      .map((points, i) => ({ points, i, base: baseCost(points) }))
      .sort((a, b) => a.base - b.base || a.i - b.i);
    let best: Point[] | null = null;
    let bestCost = Infinity;
    for (const c of ranked) {
      if (c.base >= bestCost) break;
      const cost = c.base + penalties(c.points, f);
      if (cost < bestCost) {
        best = c.points;
        bestCost = cost;
      }
    }
    // Always some route: centre to centre, bent once.
    const points = best ?? simplify([portOf(source.bounds, 'right'), { x: portOf(target.bounds, 'top').x, y: portOf(source.bounds, 'right').y }, portOf(target.bounds, 'top')]);
    routed.set(f.id, points);
    for (let i = 1; i < points.length; i++) used.push({ a: points[i - 1]!, b: points[i]!, sourceId: f.sourceId, targetId: f.targetId, labelled: Boolean(f.name) });
  }

  const placed: Rect[] = [...labels];
  const laneBorders = lanes.slice(1).map((l) => l.bounds.y);
  return pending.map((f) => {
    const waypoints = routed.get(f.id)!;
    const flow: DiagramFlow = { id: f.id, sourceId: f.sourceId, targetId: f.targetId, waypoints };
    if (f.name !== undefined) flow.name = f.name;
    if (f.outcomeId !== undefined) flow.outcomeId = f.outcomeId;
    if (f.name) {
      const spot = placeFlowLabel(f.name, waypoints, nodes, placed, used, pool, laneBorders);
      flow.label = spot.rect;
      flow.labelAlign = spot.align;
      placed.push(spot.rect);
    }
    return flow;
  });
}

// A flow's label is wrapped to one of these widths, the first that finds a free spot.
export const FLOW_LABEL_WIDTHS = [112, 84, 150] as const;
export const flowLabelLines = (name: string, label: Rect) => wrapText(name, label.width - 4, FONT.label);

// A flow's label goes beside one of its segments, as near its source as it can without
// covering a shape, another label or (where it can help it) another flow.
interface LabelSpot {
  rect: Rect;
  align: 'start' | 'end';
}
function placeFlowLabel(name: string, points: Point[], nodes: DiagramNode[], placed: Rect[], used: Segment[], pool: Rect, laneBorders: number[]): LabelSpot {
  let best: LabelSpot | null = null;
  let bestCost = Infinity;
  const longestWord = Math.max(...name.split(/\s+/).map((word) => textWidth(word, FONT.label)));
  FLOW_LABEL_WIDTHS.forEach((maxWidth, k) => {
    // A width that would cut a word in two is no option.
    if (longestWord > maxWidth && maxWidth !== Math.max(...FLOW_LABEL_WIDTHS)) return;
    const lines = wrapText(name, maxWidth, FONT.label);
    const w = Math.ceil(Math.max(...lines.map((l) => textWidth(l, FONT.label)))) + 4;
    const h = lines.length * lineHeight(FONT.label);
    let along = 0;
    for (let i = 1; i < points.length; i++) {
      const a = points[i - 1]!;
      const b = points[i]!;
      const len = Math.abs(a.x - b.x) + Math.abs(a.y - b.y);
      const spots: LabelSpot[] = [];
      if (a.y === b.y) {
        const dir = Math.sign(b.x - a.x);
        const align = dir > 0 ? 'start' : 'end';
        for (const t of new Set([6, Math.max(6, (len - w) / 2), Math.max(6, len - w - 14)])) {
          const x = dir > 0 ? a.x + t : a.x - t - w;
          spots.push({ rect: { x, y: a.y - h - 3, width: w, height: h }, align }, { rect: { x, y: a.y + 3, width: w, height: h }, align });
        }
      } else {
        const dir = Math.sign(b.y - a.y);
        for (const t of new Set([4, Math.max(4, (len - h) / 2), Math.max(4, len - h - 10)])) {
          const y = dir > 0 ? a.y + t : a.y - t - h;
          spots.push({ rect: { x: a.x + 5, y, width: w, height: h }, align: 'start' }, { rect: { x: a.x - 5 - w, y, width: w, height: h }, align: 'end' });
        }
      }
      for (const spot of spots) {
        const r = spot.rect;
        let cost = along * 0.5 + i * 20 + k * 15;
        if (r.x < pool.x + GEOMETRY.poolHeader + GEOMETRY.laneHeader || r.x + r.width > pool.x + pool.width || r.y < pool.y || r.y + r.height > pool.y + pool.height) cost += 100000;
        for (const n of nodes) if (overlapRect(r, n.bounds, 3)) cost += 5000;
        for (const p of placed) if (overlapRect(r, p, 5)) cost += 3000;
        for (const s of used) if (hits(s.a, s.b, r, -1)) cost += 120;
        for (const y of laneBorders) if (r.y < y && r.y + r.height > y) cost += 150;
        if (cost < bestCost) {
          best = spot;
          bestCost = cost;
        }
      }
      along += len;
    }
  });
  const start = points[0]!;
  return best ?? { rect: { x: start.x + 4, y: start.y + 3, width: FLOW_LABEL_WIDTHS[0], height: lineHeight(FONT.label) }, align: 'start' };
}

function overlapRect(a: Rect, b: Rect, pad: number): boolean {
  return a.x < b.x + b.width + pad && a.x + a.width + pad > b.x && a.y < b.y + b.height + pad && a.y + a.height + pad > b.y;
}

// ---------------------------------------------------------------------------------------
// Escaping for the XML and SVG written from this layout.

// Characters XML 1.0 does not allow at all (control characters, lone surrogates, U+FFFE/F).
// eslint-disable-next-line no-control-regex
const NOT_XML = /[^\x09\x0A\x0D\x20-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

export function escapeText(s: string): string {
  return s.replace(NOT_XML, '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

// Attribute values keep their line breaks and tabs (a parser would turn them into spaces).
export function escapeAttr(s: string): string {
  return escapeText(s).replace(/"/g, '&quot;').replace(/'/g, '&apos;').replace(/\n/g, '&#10;').replace(/\r/g, '&#13;').replace(/\t/g, '&#9;');
}

// A coordinate as written: at most two decimals, never "-0".
export function num(n: number): string {
  const r = Math.round(n * 100) / 100;
  return Object.is(r, -0) ? '0' : String(r);
}
