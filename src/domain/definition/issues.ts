// A finding about a definition, with the path of the field it concerns (e.g. "steps[7].next"),
// said in Indonesian (the officials' language) and English.
export interface DefinitionIssue {
  path: string;
  id: string;
  en: string;
}

export function formatPath(path: ReadonlyArray<PropertyKey>): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += out === '' ? String(part) : `.${String(part)}`;
  }
  return out || '(root)';
}

export function issue(path: string, id: string, en: string): DefinitionIssue {
  return { path, id, en };
}
