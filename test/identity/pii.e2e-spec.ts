import fs from 'node:fs';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import Redis from 'ioredis';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { Role } from '@app/platform';
import { startApi } from '../support/apps';
import { SuiteEnv, setupSuiteEnv } from '../support/test-env';
import { ID_NUMBERS, PASSWORD, createPrivileged, login } from './identity-helpers';

const ID = ID_NUMBERS[4]; // 140824199511110057
const MOBILE = '13987654321';
/** The number and the forms it could leak in besides the plain one. */
const VARIANTS = [ID, ID.slice(0, 17), ID.slice(6, 14) + ID.slice(14), ID.slice(0, 6) + ' ' + ID.slice(6)];

describe('identity: the resident ID number never leaks (responses, logs, Redis, database)', () => {
  let env: SuiteEnv;
  let app: NestFastifyApplication;
  const logs: string[] = [];
  const bodies: string[] = [];
  const restore: (() => void)[] = [];

  beforeAll(async () => {
    env = await setupSuiteEnv('pii', { LOG_LEVEL: 'debug' });
    // pino writes to stdout: through process.stdout.write, or straight to fd 1 (sonic-boom).
    const capture = (chunk: unknown) => {
      logs.push(Buffer.isBuffer(chunk) ? chunk.toString('utf8') : String(chunk));
    };
    const stdoutWrite = process.stdout.write.bind(process.stdout);
    process.stdout.write = ((chunk: unknown, ...rest: unknown[]) => {
      capture(chunk);
      // Swallowed (not forwarded) to keep the test output readable; the callback still fires.
      const cb = rest.find((r) => typeof r === 'function') as (() => void) | undefined;
      cb?.();
      return true;
    }) as typeof process.stdout.write;
    restore.push(() => (process.stdout.write = stdoutWrite));
    const writeSync = fs.writeSync;
    (fs as { writeSync: unknown }).writeSync = (fd: number, data: unknown, ...rest: unknown[]) => {
      if (fd === 1) {
        capture(data);
        return Buffer.byteLength(Buffer.isBuffer(data) ? data : String(data));
      }
      return (writeSync as (...a: unknown[]) => number)(fd, data, ...rest);
    };
    restore.push(() => ((fs as { writeSync: unknown }).writeSync = writeSync));
    const write = fs.write;
    (fs as { write: unknown }).write = (fd: number, data: unknown, ...rest: unknown[]) => {
      if (fd !== 1) return (write as (...a: unknown[]) => void)(fd, data, ...rest);
      capture(data);
      const cb = rest.find((r) => typeof r === 'function') as ((e: null, n: number) => void) | undefined;
      const n = Buffer.byteLength(Buffer.isBuffer(data) ? data : String(data));
      if (cb) process.nextTick(() => cb(null, n));
    };
    restore.push(() => ((fs as { write: unknown }).write = write));
    app = await startApi();
  }, 60000);
  afterAll(async () => {
    for (const r of restore.reverse()) r();
    await app?.close();
    await env?.cleanup();
  }, 60000);

  it('runs a whole life cycle of a seeker with an ID number, recording every response', async () => {
    const http = () => request(app.getHttpServer());
    const keep = (res: request.Response) => {
      bodies.push(JSON.stringify(res.body) + JSON.stringify(res.headers));
      return res;
    };
    const reg = keep(
      await http()
        .post('/api/v1/auth/register/seeker')
        .send({
          login: 'pii.seeker',
          password: PASSWORD,
          displayName: '王丽',
          mobile: MOBILE,
          idNumber: ID,
          townshipCode: 'jifeng',
        })
        .expect(201),
    );
    expect(reg.body.user.idNumber).toBe('140824**********57');
    expect(reg.body.user.mobile).toBe('139****4321');
    const auth = { Authorization: `Bearer ${reg.body.accessToken}` };
    // A duplicate, an invalid variant, and a login attempt: error paths must not echo it either.
    keep(
      await http()
        .post('/api/v1/auth/register/seeker')
        .send({ login: 'pii.twin', password: PASSWORD, displayName: 'x', mobile: MOBILE, idNumber: ID })
        .expect(409),
    );
    keep(
      await http()
        .post('/api/v1/auth/register/seeker')
        .send({
          login: 'pii.bad',
          password: PASSWORD,
          displayName: 'x',
          mobile: MOBILE,
          idNumber: ID.slice(0, 17) + '1',
        })
        .expect(400),
    );
    keep(await http().post('/api/v1/auth/login').send({ login: ID, password: ID }).expect(401));
    keep(await http().get('/api/v1/auth/me').set(auth).expect(200));
    keep(await http().patch('/api/v1/users/me').set(auth).send({ displayName: '王丽丽' }).expect(200));
    keep(await http().get(`/api/v1/users/${reg.body.user.id}`).set(auth).expect(200));
    keep(await http().post('/api/v1/auth/refresh').send({ refreshToken: reg.body.refreshToken }).expect(200));

    const staff = await createPrivileged(app, Role.Staff, 'pii.staff', 'jifeng');
    keep(await http().get('/api/v1/users').set(staff.auth).expect(200));
    keep(await http().get(`/api/v1/users/${reg.body.user.id}`).set(staff.auth).expect(200));
    // The reveal is the one response that must contain it — and it is audited, without the number.
    const reveal = await http()
      .post(`/api/v1/users/${reg.body.user.id}/reveal-id-number`)
      .set(staff.auth)
      .send({ reason: '核对补贴申请材料' })
      .expect(200);
    expect(reveal.body.idNumber).toBe(ID);
    keep(await http().get('/api/v1/audit').set(staff.auth).expect(200));
    await login(app, 'pii.seeker');
    // Let pino flush.
    await new Promise((r) => setTimeout(r, 300));
  });

  it('no response except the audited reveal contains it', () => {
    expect(bodies.length).toBeGreaterThan(10);
    for (const body of bodies) for (const v of VARIANTS) expect(body).not.toContain(v);
    for (const body of bodies) expect(body).not.toContain(MOBILE);
  });

  it('no log line contains it (logs were captured at debug level)', () => {
    const all = logs.join('');
    expect(all).toContain('/api/v1/auth/register/seeker'); // the capture works
    for (const v of VARIANTS) expect(all).not.toContain(v);
    expect(all).not.toContain(MOBILE);
  });

  it('no Redis key or value under the suite prefix contains it', async () => {
    const redis = new Redis(env.redisUrl);
    try {
      const keys: string[] = [];
      let cursor = '0';
      do {
        const [next, batch] = await redis.scan(cursor, 'MATCH', `${env.redisPrefix}*`, 'COUNT', 1000);
        keys.push(...batch);
        cursor = next;
      } while (cursor !== '0');
      const dump: string[] = [...keys];
      for (const key of keys) {
        const type = await redis.type(key);
        if (type === 'string') dump.push(String(await redis.get(key)));
        else if (type === 'hash') dump.push(JSON.stringify(await redis.hgetall(key)));
        else if (type === 'list') dump.push(JSON.stringify(await redis.lrange(key, 0, -1)));
        else if (type === 'set') dump.push(JSON.stringify(await redis.smembers(key)));
        else if (type === 'zset') dump.push(JSON.stringify(await redis.zrange(key, 0, -1)));
        else if (type === 'stream') dump.push(JSON.stringify(await redis.xrange(key, '-', '+')));
      }
      const all = dump.join('\n');
      for (const v of VARIANTS) expect(all).not.toContain(v);
      expect(all).not.toContain(MOBILE);
    } finally {
      await redis.quit();
    }
  });

  it('no row of any table in the suite schema contains it in plain text', async () => {
    const ds = app.get(DataSource);
    const tables: { table_name: string }[] = await ds.query(
      `SELECT table_name FROM information_schema.tables WHERE table_schema = $1 AND table_type = 'BASE TABLE'`,
      [env.schema],
    );
    expect(tables.map((t) => t.table_name)).toEqual(
      expect.arrayContaining(['users', 'audit_log', 'refresh_tokens']),
    );
    for (const { table_name } of tables) {
      const rows: { t: string }[] = await ds.query(
        `SELECT t::text AS t FROM "${env.schema}"."${table_name}" t`,
      );
      for (const { t } of rows) {
        for (const v of VARIANTS)
          expect({ table_name, leak: t.includes(v) }).toEqual({ table_name, leak: false });
        expect({ table_name, leak: t.includes(MOBILE) }).toEqual({ table_name, leak: false });
      }
    }
    const [user] = await ds.query(
      `SELECT id_number_enc, id_number_index FROM users WHERE login = 'pii.seeker'`,
    );
    expect(user.id_number_enc[0]).toBe(1); // key id byte
    expect(user.id_number_index).toHaveLength(32);
  });
});
