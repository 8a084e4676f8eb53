// openapi.json in the repository is what the code generates: a change to the API's schemas
// must come with the regenerated document (npm run openapi).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { it } from 'node:test';
import { buildOpenApi } from '../../src/web/api/openapi.ts';
import { root } from '../helpers/fixtures.ts';

it('the committed openapi.json matches the schemas', () => {
  const committed = JSON.parse(readFileSync(`${root}openapi.json`, 'utf8'));
  assert.deepEqual(committed, JSON.parse(JSON.stringify(buildOpenApi('http://localhost:3000'))), 'run `npm run openapi` and commit openapi.json');
});
