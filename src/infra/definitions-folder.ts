// The definitions folder: calendars/*.yaml, and per office <office>/office.yaml beside that
// office's service definitions <office>/<service>.yaml.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

export interface DefinitionsFolder {
  calendars: { file: string; source: string }[];
  offices: { file: string; source: string }[];
  services: { file: string; source: string }[];
}

const yamlFiles = (dir: string) =>
  existsSync(dir) ? readdirSync(dir).filter((f) => /\.ya?ml$/.test(f)).sort().map((f) => join(dir, f)) : [];

export function readDefinitionsFolder(root: string): DefinitionsFolder {
  const read = (file: string) => ({ file, source: readFileSync(file, 'utf8') });
  const officeDirs = readdirSync(root)
    .filter((d) => d !== 'calendars' && statSync(join(root, d)).isDirectory())
    .sort();
  return {
    calendars: yamlFiles(join(root, 'calendars')).map(read),
    offices: officeDirs.map((d) => join(root, d, 'office.yaml')).filter((f) => existsSync(f)).map(read),
    services: officeDirs.flatMap((d) => yamlFiles(join(root, d)).filter((f) => !/office\.ya?ml$/.test(f))).map(read),
  };
}
