import { NestFastifyApplication } from '@nestjs/platform-fastify';
import request from 'supertest';
import { Role } from '@app/platform';
import { startApi } from '../support/apps';
import { WalkedRoute, walkRoutes } from '../support/routes';
import { SuiteEnv, setupSuiteEnv } from '../support/test-env';
import {
  CREDIT_CODES,
  Session,
  createPrivileged,
  registerAgency,
  registerEmployer,
  registerSeeker,
} from '../identity/identity-helpers';

/**
 * Finding: a NUL byte in any string field of ~20 routes, or a required string of spaces, reached
 * Postgres and came back as a 500. The rule now lives in the one validation layer, so this suite
 * walks every route the API documents — those added by later work included — and sends each of
 * its string fields, one at a time, as "a\u0000b" and as "   ", signed in as a role the route
 * admits. Every answer must be a 4xx that names the field; never a 500.
 */

interface Schema {
  type?: string;
  $ref?: string;
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  allOf?: Schema[];
  enum?: unknown[];
}
interface Operation {
  parameters?: { name: string; in: string; required?: boolean; schema?: Schema }[];
  requestBody?: { content?: Record<string, { schema?: Schema }> };
}
interface OpenApi {
  paths: Record<string, Record<string, Operation>>;
  components?: { schemas?: Record<string, Schema> };
}

const NUL = 'a\u0000b';
const BLANK = '  \u3000\u200b ';
const ANY_UUID = '00000000-0000-4000-8000-000000000000';

describe('security: every string field of every route refuses NUL and blank text with a 4xx naming it', () => {
  let env: SuiteEnv;
  let app: NestFastifyApplication;
  let doc: OpenApi;
  let routes: WalkedRoute[];
  const sessions = new Map<Role, Session>();
  const http = () => request(app.getHttpServer());

  beforeAll(async () => {
    env = await setupSuiteEnv('sec_walk');
    app = await startApi();
    routes = walkRoutes(app);
    doc = (await http().get('/docs-json').expect(200)).body as OpenApi;
    sessions.set(Role.Seeker, await registerSeeker(app, 'walk.seeker'));
    sessions.set(Role.Employer, await registerEmployer(app, 'walk.employer', CREDIT_CODES[0]));
    sessions.set(Role.Agency, await registerAgency(app, 'walk.agency', CREDIT_CODES[1]));
    sessions.set(Role.Staff, await createPrivileged(app, Role.Staff, 'walk.staff'));
    sessions.set(Role.Admin, await createPrivileged(app, Role.Admin, 'walk.admin'));
  }, 120000);
  afterAll(async () => {
    await app?.close();
    await env?.cleanup();
  }, 60000);

  const resolve = (s: Schema | undefined): Schema | undefined => {
    if (!s) return undefined;
    if (s.$ref) return resolve(doc.components?.schemas?.[s.$ref.split('/').pop() as string]);
    if (s.allOf?.length) {
      const parts = s.allOf.map(resolve).filter((x): x is Schema => !!x);
      return {
        type: 'object',
        properties: Object.assign({}, ...parts.map((p) => p.properties ?? {})),
        required: parts.flatMap((p) => p.required ?? []),
      };
    }
    return s;
  };
  const isString = (s: Schema | undefined) => resolve(s)?.type === 'string';

  /** Each documented operation with its Nest route (for the roles it admits). */
  function operations() {
    const out: { method: string; path: string; op: Operation; route: WalkedRoute }[] = [];
    for (const [path, methods] of Object.entries(doc.paths)) {
      const nestPath = path.replace(/\{([^}]+)\}/g, ':$1');
      for (const [method, op] of Object.entries(methods)) {
        const route = routes.find((r) => r.method === method.toUpperCase() && r.path === nestPath);
        if (route) out.push({ method, path, op, route });
      }
    }
    return out;
  }

  function authFor(route: WalkedRoute): Record<string, string> {
    if (!route.access || route.access.public) return {};
    const order = [Role.Staff, Role.Admin, Role.Employer, Role.Seeker, Role.Agency];
    const role = order.find((r) => route.access && !route.access.public && route.access.roles.includes(r));
    return role ? (sessions.get(role) as Session).auth : {};
  }

  function concretePath(path: string, op: Operation): string {
    return path.replace(/\{([^}]+)\}/g, (_m, name: string) => {
      const p = op.parameters?.find((x) => x.in === 'path' && x.name === name);
      const schema = p?.schema as (Schema & { pattern?: string; format?: string }) | undefined;
      if (schema?.pattern?.includes('\\d')) return '1';
      if (/id$/i.test(name) || schema?.format === 'uuid') return ANY_UUID;
      return 'x';
    });
  }

  it('walks a real set of routes (the walk is not vacuous)', () => {
    const ops = operations();
    const withBody = ops.filter((o) => o.op.requestBody?.content?.['application/json']);
    expect(ops.length).toBeGreaterThan(40);
    expect(withBody.map((o) => `${o.method.toUpperCase()} ${o.path}`)).toEqual(
      expect.arrayContaining([
        'POST /api/v1/auth/register/seeker',
        'POST /api/v1/auth/login',
        'POST /api/v1/users/{id}/reveal-id-number',
      ]),
    );
  });

  it('body fields: NUL and blank text answer 400 naming the field', async () => {
    const failures: string[] = [];
    let probes = 0;
    for (const { method, path, op, route } of operations()) {
      const schema = resolve(op.requestBody?.content?.['application/json']?.schema);
      if (!schema?.properties) continue;
      const url = concretePath(path, op);
      for (const [field, prop] of Object.entries(schema.properties)) {
        const resolved = resolve(prop);
        const values: [string, unknown][] = [];
        if (isString(prop)) values.push(['NUL', NUL], ['blank', BLANK]);
        else if (resolved?.type === 'array' && isString(resolved.items))
          values.push(['NUL in a list', [NUL]]);
        for (const [label, value] of values) {
          probes++;
          const res = await http()
            [method as 'post' | 'put' | 'patch']('' + url)
            .set(authFor(route))
            .set('X-Forwarded-For', `10.99.${probes >> 8}.${probes & 255}`)
            .send({ [field]: value });
          const named = (res.body?.error?.fields ?? []).some((f: { field: string }) =>
            f.field.startsWith(field),
          );
          if (res.status !== 400 || !named) {
            failures.push(
              `${method.toUpperCase()} ${path} ${field} (${label}) → ${res.status} ${res.text.slice(0, 160)}`,
            );
          }
        }
      }
    }
    expect(probes).toBeGreaterThan(60);
    expect(failures).toEqual([]);
  }, 180000);

  it('query and path parameters: NUL answers 400 naming it; blank never errs above 4xx', async () => {
    const failures: string[] = [];
    let probes = 0;
    for (const { method, path, op, route } of operations()) {
      if (method !== 'get') continue;
      for (const p of op.parameters ?? []) {
        if (!isString(p.schema) || (p.in !== 'query' && p.in !== 'path')) continue;
        for (const [label, value] of [
          ['NUL', NUL],
          ['blank', BLANK],
        ] as const) {
          probes++;
          let url = concretePath(path, op);
          if (p.in === 'path')
            url = path.replace(`{${p.name}}`, encodeURIComponent(value)).replace(/\{[^}]+\}/g, ANY_UUID);
          else url += `?${p.name}=${encodeURIComponent(value)}`;
          const res = await http().get(url).set(authFor(route));
          const named = (res.body?.error?.fields ?? []).some((f: { field: string }) =>
            f.field.startsWith(p.name),
          );
          const ok = label === 'NUL' ? res.status === 400 && named : res.status < 500;
          if (!ok)
            failures.push(
              `GET ${path} ${p.in} ${p.name} (${label}) → ${res.status} ${res.text.slice(0, 160)}`,
            );
        }
      }
    }
    expect(probes).toBeGreaterThan(20);
    expect(failures).toEqual([]);
  }, 180000);

  it('what the review sent by hand: NUL in login, blank names, a blank reveal reason', async () => {
    const staff = sessions.get(Role.Staff) as Session;
    const seeker = sessions.get(Role.Seeker) as Session;
    const login = await http().post('/api/v1/auth/login').send({ login: 'x\u0000y', password: 'whatever1' });
    expect(login.status).toBe(400);
    expect(login.body.error.fields).toEqual([expect.objectContaining({ field: 'login' })]);

    const blankName = await http()
      .post('/api/v1/auth/register/seeker')
      .send({ login: 'blank.name', password: 'correct-horse-42', displayName: '   ', mobile: '13912345678' });
    expect(blankName.status).toBe(400);
    expect(blankName.body.error.fields).toEqual([expect.objectContaining({ field: 'displayName' })]);

    const reveal = await http()
      .post(`/api/v1/users/${seeker.id}/reveal-id-number`)
      .set(staff.auth)
      .send({ reason: '    \u200b' });
    expect(reveal.status).toBe(400);
    expect(reveal.body.error.fields).toEqual([expect.objectContaining({ field: 'reason' })]);

    // Text is stored trimmed and in NFC: what people see is what was meant.
    const me = await http()
      .patch('/api/v1/users/me')
      .set(seeker.auth)
      .send({ displayName: '\u200b  王\u0301芳 \u3000' })
      .expect(200);
    expect(me.body.displayName).toBe('王\u0301芳'.normalize('NFC'));
  });
});
