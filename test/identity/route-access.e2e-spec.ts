import { Controller, Get } from '@nestjs/common';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { Test } from '@nestjs/testing';
import request from 'supertest';
import { AllExceptionsFilter, createValidationPipe } from '@app/platform';
import { ApiModule } from '../../apps/api/src/api.module';
import { startApi } from '../support/apps';
import { WalkedRoute, walkRoutes } from '../support/routes';
import { SuiteEnv, setupSuiteEnv } from '../support/test-env';

@Controller('api/v1/undeclared-test-route')
class UndeclaredController {
  @Get()
  open() {
    return { leaked: true };
  }
}

describe('identity: every route declares its access', () => {
  let env: SuiteEnv;
  let app: NestFastifyApplication;
  let routes: WalkedRoute[];

  beforeAll(async () => {
    env = await setupSuiteEnv('routes');
    app = await startApi();
    routes = walkRoutes(app);
  }, 60000);
  afterAll(async () => {
    await app?.close();
    await env?.cleanup();
  }, 60000);

  it('finds the routes of the whole API (the walk is not vacuous)', () => {
    const names = routes.map((r) => `${r.method} ${r.path}`);
    expect(names).toEqual(
      expect.arrayContaining([
        'GET /health',
        'POST /api/v1/auth/login',
        'GET /api/v1/auth/me',
        'GET /api/v1/users/:id',
        'POST /api/v1/users/:id/reveal-id-number',
        'GET /api/v1/audit',
        'POST /api/v1/admin/pipeline-checks',
      ]),
    );
  });

  it('every route has @Public() or @Roles(...)', () => {
    const undeclared = routes
      .filter((r) => r.access === null)
      .map((r) => `${r.method} ${r.path} (${r.controller}.${r.handler})`);
    expect(undeclared).toEqual([]);
  });

  it('every non-public route answers 401 without a token', async () => {
    const failures: string[] = [];
    for (const r of routes.filter((x) => x.access && !x.access.public)) {
      const path = r.path.replace(/:[A-Za-z0-9_]+/g, '00000000-0000-4000-8000-000000000000');
      const method = r.method.toLowerCase() as 'get' | 'post' | 'put' | 'patch' | 'delete';
      if (!['get', 'post', 'put', 'patch', 'delete'].includes(method)) continue;
      const res = await request(app.getHttpServer())[method](path).send({});
      if (res.status !== 401) failures.push(`${r.method} ${r.path} → ${res.status}`);
    }
    expect(failures).toEqual([]);
  });

  it('deny by default: a route with neither decorator is found by the walk and answers 403', async () => {
    const moduleRef = await Test.createTestingModule({
      imports: [ApiModule],
      controllers: [UndeclaredController],
    }).compile();
    const extra = moduleRef.createNestApplication<NestFastifyApplication>(new FastifyAdapter());
    extra.useGlobalPipes(createValidationPipe());
    extra.useGlobalFilters(new AllExceptionsFilter());
    await extra.init();
    await extra.getHttpAdapter().getInstance().ready();
    try {
      const walked = walkRoutes(extra).filter((r) => r.access === null);
      expect(walked.map((r) => r.path)).toEqual(['/api/v1/undeclared-test-route']);
      const res = await request(extra.getHttpServer()).get('/api/v1/undeclared-test-route').expect(403);
      expect(res.body.error.code).toBe('route-undeclared');
    } finally {
      await extra.close();
    }
  });
});
