import { NestFastifyApplication } from '@nestjs/platform-fastify';
import request from 'supertest';
import { startApi } from '../support/apps';
import { SuiteEnv, setupSuiteEnv } from '../support/test-env';

describe('HTTP basics: health, docs, error shapes', () => {
  let env: SuiteEnv;
  let app: NestFastifyApplication;

  beforeAll(async () => {
    env = await setupSuiteEnv('http');
    app = await startApi();
  });
  afterAll(async () => {
    await app?.close();
    await env?.cleanup();
  });

  it('GET /health answers 200 naming database, redis and search', async () => {
    const res = await request(app.getHttpServer()).get('/health').expect(200);
    expect(res.body.status).toBe('ok');
    expect(Object.keys(res.body.info).sort()).toEqual(['database', 'redis', 'search']);
  });

  it('serves the OpenAPI document', async () => {
    const res = await request(app.getHttpServer()).get('/docs-json').expect(200);
    expect(res.body.openapi).toMatch(/^3\./);
    expect(Object.keys(res.body.paths)).toContain('/health');
  });

  it('unknown route → 404 JSON', async () => {
    const res = await request(app.getHttpServer()).get('/api/v1/nothing-here').expect(404);
    expect(res.body).toEqual({ error: { code: 'not-found', message: expect.any(String) } });
  });

  it('malformed JSON → 400 JSON, before anything runs', async () => {
    const res = await request(app.getHttpServer())
      .post('/api/v1/admin/pipeline-checks')
      .set('content-type', 'application/json')
      .send('{"note": "unterminated')
      .expect(400);
    expect(res.body.error.code).toBe('malformed-json');
  });

  it('a body over 1 MiB → 413 JSON', async () => {
    const res = await request(app.getHttpServer())
      .post('/api/v1/admin/pipeline-checks')
      .set('content-type', 'application/json')
      .send(JSON.stringify({ note: 'x'.repeat(1024 * 1024 + 10) }))
      .expect(413);
    expect(res.body.error.code).toBe('payload-too-large');
  });
});
