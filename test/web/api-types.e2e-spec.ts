import { execSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { SCHEMA_FILE, openApiDocumentOf, typesOf } from '../../scripts/web-api-types';
import { startApi } from '../support/apps';
import { SuiteEnv, setupSuiteEnv } from '../support/test-env';

/** The web client is typed from the API's own document: the committed types must be today's. */
describe('web app: API types', () => {
  let env: SuiteEnv;
  let app: NestFastifyApplication;

  beforeAll(async () => {
    env = await setupSuiteEnv('webtypes');
    app = await startApi();
  }, 60000);
  afterAll(async () => {
    await app?.close();
    await env?.cleanup();
  });

  it('apps/web/src/api/schema.d.ts equals what /docs-json generates (run `npm run web:api-types`)', async () => {
    const fresh = typesOf(await openApiDocumentOf(app));
    expect(readFileSync(SCHEMA_FILE, 'utf8') === fresh).toBe(true);
  });

  it('no two DTO classes share a name (Swagger would merge them into one schema)', async () => {
    const doc = (await openApiDocumentOf(app)) as { components: { schemas: Record<string, unknown> } };
    // A merged name shows up as a schema some route uses with the other class's fields; the
    // guard here is the build-wide check of class names, which this test makes explicit.
    const names = execSync(
      `grep -rhoE "^export class [A-Za-z]+(View|Dto)\\b" libs apps --include=*.ts | sort | uniq -d`,
      { cwd: `${__dirname}/../..`, encoding: 'utf8' },
    ).trim();
    expect(names).toBe('');
    expect(Object.keys(doc.components.schemas).length).toBeGreaterThan(50);
  });
});
