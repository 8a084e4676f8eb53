// The BPMN file and the SVG diagram of a published service, generated from its definition and
// kept per definition version (versions are immutable, generation takes tens of milliseconds).
import { toBpmnXml } from '../../domain/sop/bpmn.ts';
import { toBpmnSvg } from '../../domain/sop/bpmn-svg.ts';
import type { PublishedService } from './get-service.ts';

const cache = new Map<string, { xml?: string; svg?: string }>();
const keyOf = (svc: PublishedService) => `${svc.office.id}/${svc.definition.slug}@${svc.contentHash}`;

function entry(svc: PublishedService) {
  const key = keyOf(svc);
  let e = cache.get(key);
  if (!e) {
    if (cache.size > 500) cache.clear();
    e = {};
    cache.set(key, e);
  }
  return e;
}

export function processBpmn(svc: PublishedService): string {
  const e = entry(svc);
  e.xml ??= toBpmnXml(svc.definition, svc.office.name);
  return e.xml;
}

export function processSvg(svc: PublishedService): string {
  const e = entry(svc);
  e.svg ??= toBpmnSvg(svc.definition, { officeName: svc.office.name });
  return e.svg;
}
