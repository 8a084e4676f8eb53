// The BPMN 2.0 export and the SVG drawn from the same layout, for every seed service: the XML
// is read by bpmn-moddle without a warning and survives a round trip, bpmnlint's recommended
// rules find no error, the diagram holds one task per step, one gateway per decision, one lane
// per role and one sequence flow per way out of a step, everything drawn; and the SVG is
// well-formed, names every lane and step, and draws what the XML describes where it says.
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { describe, it } from 'node:test';
import { exitsOf } from '../../src/domain/definition/flow.ts';
import { loadDefinition } from '../../src/domain/definition/load.ts';
import type { ServiceDefinition } from '../../src/domain/definition/schema.ts';
import { toBpmnXml } from '../../src/domain/sop/bpmn.ts';
import { toBpmnSvg } from '../../src/domain/sop/bpmn-svg.ts';
import { minimalDefinition, readDefinitionSource, SEEDS } from '../helpers/fixtures.ts';

// --- the tools, typed as far as these tests use them -------------------------------------

interface El {
  $type: string;
  id?: string;
  name?: string;
  [key: string]: unknown;
}
interface Moddle {
  fromXML(xml: string): Promise<{ rootElement: El; warnings: unknown[]; elementsById: Record<string, El> }>;
  toXML(element: El, options?: { format?: boolean }): Promise<{ xml: string }>;
}
interface LintReport {
  id?: string;
  message: string;
  category: string;
}
interface BpmnLinter {
  lint(root: El): Promise<Record<string, LintReport[]>>;
}

// bpmn-moddle is an ES module without types for its entry point; bpmnlint is CommonJS.
const moddlePackage: string = 'bpmn-moddle';
const { BpmnModdle } = (await import(moddlePackage)) as { BpmnModdle: new () => Moddle };
const requireCjs = createRequire(import.meta.url);
const { Linter } = requireCjs('bpmnlint') as { Linter: new (options: { config: object; resolver: unknown }) => BpmnLinter };
const NodeResolver = requireCjs('bpmnlint/lib/resolver/node-resolver') as new () => unknown;

const list = (el: El | undefined, key: string): El[] => ((el?.[key] as El[] | undefined) ?? []);
const ref = (el: El, key: string): El => el[key] as El;

function load(file: string): ServiceDefinition {
  const r = loadDefinition(readDefinitionSource(file));
  assert.ok(r.ok, `${file}: ${r.ok ? '' : JSON.stringify(r.issues)}`);
  return r.value;
}

async function parse(xml: string) {
  const result = await new BpmnModdle().fromXML(xml);
  const definitions = result.rootElement;
  const process = list(definitions, 'rootElements').find((e) => e.$type === 'bpmn:Process')!;
  const collaboration = list(definitions, 'rootElements').find((e) => e.$type === 'bpmn:Collaboration')!;
  const plane = ref(list(definitions, 'diagrams')[0]!, 'plane');
  return { ...result, definitions, process, collaboration, plane };
}

// Every element of the model, once each.
function allElements(root: El): El[] {
  const seen = new Set<El>();
  const walk = (v: unknown) => {
    if (Array.isArray(v)) return v.forEach(walk);
    if (v === null || typeof v !== 'object' || !('$type' in v)) return;
    const el = v as El;
    if (seen.has(el)) return;
    seen.add(el);
    for (const [k, child] of Object.entries(el)) if (!k.startsWith('$')) walk(child);
  };
  walk(root);
  return [...seen];
}

const TASK_TYPES = ['bpmn:UserTask', 'bpmn:ManualTask', 'bpmn:ReceiveTask'];
const NCNAME = /^[A-Za-z_][A-Za-z0-9_.-]*$/;

// --- a small XML well-formedness check, for the SVG ----------------------------------------

function assertWellFormed(xml: string): void {
  const entity = /&(?:amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);/y;
  const checkText = (text: string, where: number) => {
    for (let i = text.indexOf('&'); i >= 0; i = text.indexOf('&', i + 1)) {
      entity.lastIndex = i;
      assert.ok(entity.test(text), `bare & at ${where + i}`);
    }
    assert.ok(!text.includes('<'), `< in text or attribute at ${where}`);
  };
  const stack: string[] = [];
  let roots = 0;
  let pos = 0;
  const name = '[A-Za-z_][\\w.:-]*';
  const startTag = new RegExp(`<(${name})((?:\\s+${name}\\s*=\\s*(?:"[^"]*"|'[^']*'))*)\\s*(/?)>`, 'y');
  const attr = new RegExp(`(${name})\\s*=\\s*(?:"([^"]*)"|'([^']*)')`, 'g');
  while (pos < xml.length) {
    const lt = xml.indexOf('<', pos);
    const text = xml.slice(pos, lt < 0 ? xml.length : lt);
    checkText(text, pos);
    if (stack.length === 0) assert.equal(text.trim(), '', `text outside the root element at ${pos}`);
    if (lt < 0) break;
    if (xml.startsWith('<?', lt)) {
      assert.equal(lt, 0, 'an XML declaration only at the start');
      pos = xml.indexOf('?>', lt) + 2;
      assert.ok(pos > 1, 'unterminated declaration');
      continue;
    }
    if (xml.startsWith('<!--', lt)) {
      pos = xml.indexOf('-->', lt) + 3;
      assert.ok(pos > 2, 'unterminated comment');
      continue;
    }
    if (xml.startsWith('</', lt)) {
      const m = new RegExp(`</(${name})\\s*>`, 'y');
      m.lastIndex = lt;
      const end = m.exec(xml);
      assert.ok(end, `malformed end tag at ${lt}`);
      assert.equal(end[1], stack.pop(), `end tag </${end[1]}> does not close the open element at ${lt}`);
      pos = m.lastIndex;
      continue;
    }
    startTag.lastIndex = lt;
    const m = startTag.exec(xml);
    assert.ok(m, `malformed start tag at ${lt}: ${xml.slice(lt, lt + 60)}`);
    const names = new Set<string>();
    for (const a of m[2]!.matchAll(attr)) {
      assert.ok(!names.has(a[1]!), `attribute ${a[1]} twice at ${lt}`);
      names.add(a[1]!);
      checkText(a[2] ?? a[3] ?? '', lt);
    }
    if (stack.length === 0) roots++;
    if (m[3] !== '/') stack.push(m[1]!);
    pos = startTag.lastIndex;
  }
  assert.deepEqual(stack, [], 'elements left open');
  assert.equal(roots, 1, 'exactly one root element');
}

// The text of each <text> element, its lines joined by spaces.
const svgTexts = (svg: string) => [...svg.matchAll(/<text\b[^>]*>(.*?)<\/text>/g)].map((m) => [...m[1]!.matchAll(/<tspan\b[^>]*>(.*?)<\/tspan>/g)].map((t) => t[1]).join(' '));

const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

// --- tests ----------------------------------------------------------------------------------

describe('the well-formedness check itself', () => {
  it('rejects broken XML', () => {
    assert.throws(() => assertWellFormed('<svg><g></svg>'));
    assert.throws(() => assertWellFormed('<svg><text>a & b</text></svg>'));
    assert.throws(() => assertWellFormed('<svg a="1" a="2"/>'));
    assert.throws(() => assertWellFormed('<svg/><svg/>'));
    assertWellFormed('<?xml version="1.0"?>\n<svg x="&lt;&#10;"><text>a &amp; b</text><g/></svg>\n');
  });
});

// Built inside the tests, not in the suite's body: an error thrown while a suite is being
// declared would not be counted as a failure.
function lazy<T>(make: () => T): () => T {
  let value: { v: T } | undefined;
  return () => (value ??= { v: make() }).v;
}

for (const seed of SEEDS) {
  describe(`BPMN of ${seed.file}`, () => {
    const built = lazy(() => {
      const def = load(seed.file);
      return {
        def,
        xml: toBpmnXml(def, 'DPMPTSP Contoh'),
        svg: toBpmnSvg(def, { officeName: 'DPMPTSP Contoh' }),
        withGateway: def.steps.filter((s) => (s.outcomes?.length ?? 0) >= 2),
      };
    });

    it('is read by bpmn-moddle without warnings', async () => {
      const { xml } = built();
      const { warnings, definitions } = await parse(xml);
      assert.deepEqual(warnings, []);
      assert.equal(definitions.$type, 'bpmn:Definitions');
    });

    it('survives a round trip through bpmn-moddle with the same elements', async () => {
      const { def, xml } = built();
      const first = await parse(xml);
      const { xml: again } = await new BpmnModdle().toXML(first.definitions, { format: true });
      const second = await parse(again);
      assert.deepEqual(second.warnings, []);
      const summary = (root: El) =>
        allElements(root)
          .map((e) => `${e.$type}#${e.id ?? ''}`)
          .sort();
      const before = summary(first.definitions);
      assert.deepEqual(summary(second.definitions), before);
      assert.deepEqual(Object.keys(second.elementsById).sort(), Object.keys(first.elementsById).sort());
      assert.ok(before.length > def.steps.length * 3);
    });

    it('passes bpmnlint:recommended with no error, and warns of nothing but joins', async () => {
      const { xml } = built();
      const { definitions } = await parse(xml);
      const linter = new Linter({ config: { extends: 'bpmnlint:recommended' }, resolver: new NodeResolver() });
      const results = await linter.lint(definitions);
      const reports = Object.entries(results).flatMap(([rule, rs]) => rs.map((r) => ({ rule, ...r })));
      assert.deepEqual(reports.filter((r) => r.category !== 'warn'), []);
      // A step several ways lead back to is entered without a joining gateway: allowed.
      assert.deepEqual(reports.filter((r) => r.rule !== 'fake-join'), []);
    });

    it('has a task per step, a gateway per decision, a lane per role and a flow per exit', async () => {
      const { def, xml, withGateway } = built();
      const { process, collaboration, elementsById } = await parse(xml);
      const elements = list(process, 'flowElements');
      const byId = (id: string) => elementsById[id];

      const participants = list(collaboration, 'participants');
      assert.equal(participants.length, 1);
      assert.equal(ref(participants[0]!, 'processRef'), process);
      assert.match(participants[0]!.name!, /DPMPTSP Contoh/);

      // Tasks.
      const tasks = elements.filter((e) => TASK_TYPES.includes(e.$type));
      assert.equal(tasks.length, def.steps.length);
      for (const step of def.steps) {
        const task = byId(`Step_${step.no}`);
        assert.ok(task && TASK_TYPES.includes(task.$type), `task of step ${step.no}`);
        assert.equal(task.name, `${step.no}. ${step.title}`);
        const role = def.roles.find((r) => r.id === step.actor)!;
        const expected =
          role.kind === 'applicant' || step.kind === 'applicant' ? 'bpmn:ManualTask'
          : role.kind === 'external' || step.kind === 'external' ? 'bpmn:ReceiveTask'
          : step.tracked ? 'bpmn:UserTask' : 'bpmn:ManualTask';
        assert.equal(task.$type, expected, `type of step ${step.no}`);
      }

      // Gateways.
      const gateways = elements.filter((e) => e.$type === 'bpmn:ExclusiveGateway');
      assert.equal(gateways.length, withGateway.length);
      for (const step of withGateway) {
        const gateway = byId(`Gateway_${step.no}`);
        assert.equal(gateway?.$type, 'bpmn:ExclusiveGateway');
        assert.ok(gateway.name?.includes(step.title));
        assert.deepEqual(list(gateway, 'incoming').map((f) => ref(f, 'sourceRef').id), [`Step_${step.no}`]);
      }

      // Lanes: one per role, in order, each step's task in its actor's lane, every flow node in
      // exactly one lane.
      const lanes = list(list(process, 'laneSets')[0], 'lanes');
      assert.deepEqual(lanes.map((l) => l.name), def.roles.map((r) => r.name));
      const laneOf = new Map<El, El[]>();
      for (const lane of lanes) for (const n of list(lane, 'flowNodeRef')) laneOf.set(n, [...(laneOf.get(n) ?? []), lane]);
      const flowNodes = elements.filter((e) => e.$type !== 'bpmn:SequenceFlow');
      for (const n of flowNodes) assert.equal(laneOf.get(n)?.length, 1, `${n.id} in one lane`);
      for (const step of def.steps) {
        const roleIndex = def.roles.findIndex((r) => r.id === step.actor);
        assert.equal(laneOf.get(byId(`Step_${step.no}`)!)?.[0], lanes[roleIndex], `lane of step ${step.no}`);
      }

      // Start and ends.
      const starts = elements.filter((e) => e.$type === 'bpmn:StartEvent');
      assert.equal(starts.length, 1);
      assert.deepEqual(list(starts[0], 'outgoing').map((f) => ref(f, 'targetRef').id), [`Step_${def.steps[0]!.no}`]);
      const ends = elements.filter((e) => e.$type === 'bpmn:EndEvent');
      const endKinds = new Set(def.steps.flatMap((_, i) => exitsOf(def, i)).flatMap((e) => (e.target.kind === 'end' ? [e.target.end] : [])));
      assert.deepEqual(ends.map((e) => e.name).sort(), [...endKinds].map((k) => (k === 'completed' ? 'Selesai' : 'Ditolak')).sort());

      // One flow for every exit of every step, from the step (or its gateway) to where it leads.
      let expectedFlows = 1 + withGateway.length;
      def.steps.forEach((step, i) => {
        const exits = exitsOf(def, i);
        const gateway = (step.outcomes?.length ?? 0) >= 2;
        const source = byId(gateway ? `Gateway_${step.no}` : `Step_${step.no}`)!;
        const out = list(source, 'outgoing');
        assert.equal(out.length, exits.length, `flows out of step ${step.no}`);
        if (gateway) assert.deepEqual(list(byId(`Step_${step.no}`), 'outgoing').map((f) => ref(f, 'targetRef').id), [`Gateway_${step.no}`]);
        exits.forEach((exit, j) => {
          const flow = out[j]!;
          expectedFlows++;
          if (exit.label !== null) assert.equal(flow.name, exit.label);
          if (gateway) assert.ok(flow.conditionExpression, `${flow.id} has a condition`);
          const target = ref(flow, 'targetRef');
          if (exit.target.kind === 'step') assert.equal(target.id, `Step_${exit.target.step}`);
          else if (exit.target.kind === 'end') assert.equal(target.name, exit.target.end === 'completed' ? 'Selesai' : 'Ditolak');
          else {
            // Back to the applicant: wait for the corrected file, then resume.
            assert.equal(target.$type, 'bpmn:IntermediateCatchEvent');
            assert.equal(list(target, 'eventDefinitions')[0]?.$type, 'bpmn:MessageEventDefinition');
            assert.equal(laneOf.get(target)?.[0]?.name, def.roles.find((r) => r.kind === 'applicant')?.name);
            assert.deepEqual(list(target, 'outgoing').map((f) => ref(f, 'targetRef').id), [`Step_${exit.target.resumeAt}`]);
            expectedFlows++;
          }
        });
      });
      const flows = elements.filter((e) => e.$type === 'bpmn:SequenceFlow');
      assert.equal(flows.length, expectedFlows);
      // Returns to earlier steps are there too.
      const backwards = flows.filter((f) => /^Step_\d+$/.test(ref(f, 'targetRef').id!) && /^(Step|Gateway|Wait)_\d+/.test(ref(f, 'sourceRef').id!) && Number(ref(f, 'targetRef').id!.slice(5)) <= Number(ref(f, 'sourceRef').id!.split('_')[1]));
      assert.ok(backwards.length > 0, 'some flow goes back to an earlier step');
    });

    it('draws every element: shapes inside the pool that do not overlap, orthogonal edges from shape to shape', async () => {
      const { xml } = built();
      const { process, collaboration, plane, elementsById } = await parse(xml);
      const di = new Map(list(plane, 'planeElement').map((p) => [ref(p, 'bpmnElement'), p]));
      const boundsOf = (el: El) => {
        const shape = di.get(el);
        assert.equal(shape?.$type, 'bpmndi:BPMNShape', `shape of ${el.id}`);
        return ref(shape, 'bounds') as unknown as { x: number; y: number; width: number; height: number };
      };
      const pool = boundsOf(list(collaboration, 'participants')[0]!);
      for (const lane of list(list(process, 'laneSets')[0], 'lanes')) boundsOf(lane);
      const elements = list(process, 'flowElements');
      const nodes = elements.filter((e) => e.$type !== 'bpmn:SequenceFlow');
      const rects = nodes.map((n) => ({ n, b: boundsOf(n) }));
      for (const { n, b } of rects) {
        assert.ok(b.x >= pool.x && b.y >= pool.y && b.x + b.width <= pool.x + pool.width && b.y + b.height <= pool.y + pool.height, `${n.id} inside the pool`);
      }
      rects.forEach(({ n, b }, i) =>
        rects.slice(i + 1).forEach(({ n: m, b: c }) => {
          const apart = b.x + b.width <= c.x || c.x + c.width <= b.x || b.y + b.height <= c.y || c.y + c.height <= b.y;
          assert.ok(apart, `${n.id} and ${m.id} overlap`);
        }),
      );
      const onBorder = (p: { x: number; y: number }, b: { x: number; y: number; width: number; height: number }) =>
        p.x >= b.x - 0.5 && p.x <= b.x + b.width + 0.5 && p.y >= b.y - 0.5 && p.y <= b.y + b.height + 0.5 &&
        (Math.abs(p.x - b.x) < 0.5 || Math.abs(p.x - b.x - b.width) < 0.5 || Math.abs(p.y - b.y) < 0.5 || Math.abs(p.y - b.y - b.height) < 0.5);
      for (const flow of elements.filter((e) => e.$type === 'bpmn:SequenceFlow')) {
        const edge = di.get(flow);
        assert.equal(edge?.$type, 'bpmndi:BPMNEdge', `edge of ${flow.id}`);
        const points = list(edge, 'waypoint') as unknown as Array<{ x: number; y: number }>;
        assert.ok(points.length >= 2, `${flow.id} has waypoints`);
        points.slice(1).forEach((p, i) => assert.ok(p.x === points[i]!.x || p.y === points[i]!.y, `${flow.id} is orthogonal`));
        assert.ok(onBorder(points[0]!, boundsOf(ref(flow, 'sourceRef'))), `${flow.id} leaves its source's border`);
        assert.ok(onBorder(points.at(-1)!, boundsOf(ref(flow, 'targetRef'))), `${flow.id} reaches its target's border`);
      }
      assert.ok(Object.keys(elementsById).every((id) => NCNAME.test(id)));
    });

    it('draws the same diagram as SVG: well-formed, accessible, every lane and step named, a diamond per gateway', async () => {
      const { def, xml, svg, withGateway } = built();
      assertWellFormed(svg);
      const open = svg.match(/^<svg\b[^>]*>/)![0];
      assert.match(open, /role="img"/);
      const labelledBy = open.match(/aria-labelledby="([^"]+)"/)![1]!;
      const title = svg.match(new RegExp(`<title id="${labelledBy}">([^<]*)</title>`))![1]!;
      assert.ok(title.includes(escape(def.name)), 'the title names the service');
      const describedBy = open.match(/aria-describedby="([^"]+)"/)![1]!;
      const desc = svg.match(new RegExp(`<desc id="${describedBy}">([^<]*)</desc>`))![1]!;

      const texts = svgTexts(svg);
      for (const role of def.roles) {
        assert.ok(texts.includes(escape(role.name)), `lane ${role.name} written`);
        assert.ok(desc.includes(escape(role.name)), `lane ${role.name} described`);
      }
      for (const step of def.steps) {
        assert.ok(texts.includes(escape(`${step.no}. ${step.title}`)), `step ${step.no} written`);
        assert.ok(desc.includes(escape(`${step.no}. ${step.title}`)), `step ${step.no} described`);
      }
      assert.equal(svg.match(/<polygon class="bpmn-gateway-shape"/g)?.length ?? 0, withGateway.length);

      // Same coordinates as the BPMN: the task rectangles stand where the shapes do.
      const { plane } = await parse(xml);
      for (const shape of list(plane, 'planeElement')) {
        const el = ref(shape, 'bpmnElement');
        if (!TASK_TYPES.includes(el.$type)) continue;
        const b = ref(shape, 'bounds') as unknown as Record<string, number>;
        const rect = svg.match(new RegExp(`data-element-id="${el.id}"><rect x="([\\d.]+)" y="([\\d.]+)" width="([\\d.]+)" height="([\\d.]+)"`));
        assert.ok(rect, `task ${el.id} drawn`);
        assert.deepEqual(rect.slice(1, 5).map(Number), [b.x, b.y, b.width, b.height]);
      }
      assert.equal(svg.match(/<polyline class="bpmn-flow"/g)?.length, (xml.match(/<bpmn:sequenceFlow /g) ?? []).length);
    });

    it('is the same every time', () => {
      const { def, xml, svg } = built();
      assert.equal(toBpmnXml(def, 'DPMPTSP Contoh'), xml);
      assert.equal(toBpmnSvg(def, { officeName: 'DPMPTSP Contoh' }), svg);
    });
  });
}

describe('BPMN of a definition with awkward text', () => {
  const source = minimalDefinition((d) => {
    d.name = 'Izin <Contoh> & "Uji"';
    d.roles[1].name = "Petugas A&B <loket> 'satu'";
    d.steps[0].title = 'Mengajukan <surat> & "berkas"\u0007';
    d.steps[0].tracked = false;
    // One outcome only: a named flow, no gateway.
    delete d.steps[2].next;
    d.steps[2].outcomes = [{ id: 'tandatangani', label: 'Tandatangani & selesai', to: { end: 'completed' } }];
  });
  const built = lazy(() => {
    const r = loadDefinition(source);
    assert.ok(r.ok, r.ok ? '' : JSON.stringify(r.issues));
    return { def: r.value, xml: toBpmnXml(r.value, 'Dinas <A&B>'), svg: toBpmnSvg(r.value) };
  });

  it('escapes names, drops characters XML cannot hold, and bpmn-moddle reads them back', async () => {
    const { def, xml } = built();
    const { warnings, elementsById, collaboration } = await parse(xml);
    assert.deepEqual(warnings, []);
    assert.equal(elementsById.Step_1?.name, '1. Mengajukan <surat> & "berkas"');
    assert.equal(elementsById[`Lane_${def.roles[1]!.id}`]?.name, "Petugas A&B <loket> 'satu'");
    assert.equal(list(collaboration, 'participants')[0]?.name, 'Dinas <A&B>: Izin <Contoh> & "Uji"');
    assert.equal(elementsById.Step_1?.$type, 'bpmn:ManualTask');
    assert.equal(elementsById.Gateway_3, undefined);
    assert.equal(list(elementsById.Step_3, 'outgoing')[0]?.name, 'Tandatangani & selesai');
  });

  it('passes bpmnlint:recommended with no error', async () => {
    const { xml } = built();
    const { definitions } = await parse(xml);
    const results = await new Linter({ config: { extends: 'bpmnlint:recommended' }, resolver: new NodeResolver() }).lint(definitions);
    assert.deepEqual(Object.values(results).flat().filter((r) => r.category !== 'warn'), []);
  });

  it('writes a well-formed SVG with the text escaped', () => {
    const { svg } = built();
    assertWellFormed(svg);
    assert.ok(svgTexts(svg).includes('1. Mengajukan &lt;surat&gt; &amp; "berkas"'));
    assert.ok(svg.includes('Izin &lt;Contoh&gt; &amp; "Uji"'));
    assert.ok(!svg.includes('\u0007'));
  });
});
