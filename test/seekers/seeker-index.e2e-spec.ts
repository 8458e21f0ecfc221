import { INestApplicationContext } from '@nestjs/common';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { DataSource } from 'typeorm';
import { APP_CONFIG, JobName, SearchClient, Role } from '@app/platform';
import { residentIdCheckChar, todayInChina } from '@app/platform/validation';
import { PiiCipher } from '@app/identity';
import { INDEX_NAMES, SearchReconcileService, SeekerIndexerService, ageBand } from '@app/search';
import { SeekerBirthYearBackfill } from '@app/seekers';
import {
  ID_NUMBERS,
  PASSWORD,
  Session,
  createPrivileged,
  login,
  registerSeeker,
} from '../identity/identity-helpers';
import { drainOutbox, startApi, startWorker } from '../support/apps';
import { SuiteEnv, setupSuiteEnv } from '../support/test-env';
import { call, profileBody } from './seekers-fixtures';

jest.setTimeout(120_000);

/** A valid resident ID number of Jishan County (140824) born on `yyyymmdd`. */
function idNumber(yyyymmdd: string, seq: number): string {
  const first17 = `140824${yyyymmdd}${String(seq).padStart(3, '0')}`;
  return first17 + residentIdCheckChar(first17);
}

/** The band of someone born in `year`, by the age reached this year (as the index computes it). */
const bandOf = (year: number) => ageBand(Number(todayInChina().slice(0, 4)) - year);

/** Runs `start` with no PII key in the environment (the worker must not need one), then restores them. */
async function withoutPiiKeys<T>(start: () => Promise<T>): Promise<T> {
  const saved = { enc: process.env.PII_ENCRYPTION_KEY, hmac: process.env.PII_HMAC_KEY };
  delete process.env.PII_ENCRYPTION_KEY;
  delete process.env.PII_HMAC_KEY;
  try {
    return await start();
  } finally {
    process.env.PII_ENCRYPTION_KEY = saved.enc;
    process.env.PII_HMAC_KEY = saved.hmac;
  }
}

/**
 * The seeker search index through the real outbox, relay, queue and worker: a document appears
 * when the seeker consents and goes when they withdraw; it never holds a name, ID number or phone.
 * The worker runs without the PII keys: age bands come from seeker_profiles.birth_year, which the
 * API writes (and backfills at start-up for older rows). And the journey of a seeker registered by
 * township staff, with one-to-one help notes.
 */
describe('seekers: search index and staff-assisted journey', () => {
  let env: SuiteEnv;
  let app: NestFastifyApplication;
  let worker: INestApplicationContext;
  let search: SearchClient;

  beforeAll(async () => {
    env = await setupSuiteEnv('seekers_index', { LOGIN_THROTTLE_LIMIT: '1000' });
    app = await startApi();
    worker = await withoutPiiKeys(startWorker);
    search = app.get(SearchClient);
  });
  afterAll(async () => {
    await worker?.close();
    await app?.close();
    await env?.cleanup();
  });

  const uid = () => search.indexUid(INDEX_NAMES.seekers);

  async function documentOf(id: string): Promise<Record<string, unknown> | null> {
    try {
      return await search.client.index(uid()).getDocument(id);
    } catch (err) {
      const code = (err as { cause?: { code?: string } }).cause?.code;
      if (code === 'document_not_found' || code === 'index_not_found') return null;
      throw err;
    }
  }

  /** Fails when any personal datum (or a masked form of it) is anywhere in the document. */
  function expectNoPersonalData(doc: Record<string, unknown>, secrets: string[]): void {
    const text = JSON.stringify(doc);
    for (const secret of secrets)
      expect({ secret, found: text.includes(secret) }).toEqual({ secret, found: false });
    expect(text).not.toMatch(/\d{6}\*+\d{2}/); // masked ID
    expect(text).not.toMatch(/1[3-9]\d\*{4}\d{4}/); // masked mobile
    expect(text).not.toMatch(/\b1[3-9]\d{9}\b/); // any mobile
    expect(text).not.toMatch(/\b\d{17}[\dX]\b/); // any ID number
    for (const key of ['name', 'displayName', 'login', 'mobile', 'phone', 'idNumber', 'person']) {
      expect(Object.keys(doc)).not.toContain(key);
    }
  }

  it('consent on → the document appears; consent off → it is removed', async () => {
    const seeker = await registerSeeker(app, 'index.seeker', {
      idNumber: ID_NUMBERS[3], // born 1992-02-20
      townshipCode: 'jifeng',
      mobile: '13812345678',
    });
    await call(app, seeker, 'put', '/api/v1/seekers/me', profileBody('jifeng')).expect(200);
    await drainOutbox(worker);
    expect(await documentOf(seeker.id)).toBeNull();

    await call(app, seeker, 'patch', '/api/v1/seekers/me/consent', { searchableByEmployers: true }).expect(
      200,
    );
    await drainOutbox(worker);
    const doc = await documentOf(seeker.id);
    expect(doc).toMatchObject({
      id: seeker.id,
      township: '稷峰镇',
      townshipCode: 'jifeng',
      desiredOccupations: ['焊工', '电工'],
      skills: ['氩弧焊', '二氧化碳保护焊'],
      certificates: ['焊工证 中级'],
      certificateNames: ['焊工证'],
      education: 'secondary-vocational',
      educationRank: 2,
      wageExpectationFen: 500000,
      availability: 'within-month',
      ageBand: '25-34',
      groups: ['registered-unemployed', 'rural-labourer'],
      consentToMatching: true,
    });
    expectNoPersonalData(doc!, [
      ID_NUMBERS[3],
      ID_NUMBERS[3].slice(6, 14),
      '13812345678',
      '5678',
      'index.seeker',
      '求职者',
    ]);
    const settings = await search.client.index(uid()).getSettings();
    expect(settings.filterableAttributes).toEqual(
      expect.arrayContaining(['groups', 'townshipCode', 'consentToMatching']),
    );

    // An edit while consenting updates the document; a search finds it by occupation.
    await call(
      app,
      seeker,
      'put',
      '/api/v1/seekers/me',
      profileBody('jifeng', { desiredOccupations: ['电焊工'] }),
    ).expect(200);
    await drainOutbox(worker);
    expect((await documentOf(seeker.id))?.desiredOccupations).toEqual(['电焊工']);
    const hits = await search.client.index(uid()).search('电焊工', { filter: ['townshipCode = jifeng'] });
    expect(hits.hits.map((h) => h.id)).toContain(seeker.id);

    await call(app, seeker, 'patch', '/api/v1/seekers/me/consent', { searchableByEmployers: false }).expect(
      200,
    );
    await drainOutbox(worker);
    expect(await documentOf(seeker.id)).toBeNull();

    // Withdrawing again (document already gone) is harmless: the job succeeds and changes nothing.
    await call(app, seeker, 'patch', '/api/v1/seekers/me/consent', { searchableByEmployers: false }).expect(
      200,
    );
    await drainOutbox(worker);
    expect(await documentOf(seeker.id)).toBeNull();
    const ds = app.get(DataSource);
    const [{ n }] = await ds.query(
      `SELECT count(*)::int AS n FROM outbox WHERE payload->>'seekerId' = $1 AND processed_at IS NULL`,
      [seeker.id],
    );
    expect(n).toBe(0);
  });

  it('the worker runs without the PII keys and holds neither', () => {
    const config = worker.get<Record<string, unknown>>(APP_CONFIG);
    expect(config).not.toHaveProperty('PII_ENCRYPTION_KEY');
    expect(config).not.toHaveProperty('PII_HMAC_KEY');
    expect(() => worker.get(PiiCipher, { strict: false })).toThrow();
    // The API still has (and needs) them.
    expect(app.get<Record<string, unknown>>(APP_CONFIG).PII_ENCRYPTION_KEY).toEqual(expect.any(String));
  });

  it('the age band comes from the stored birth year, not from the ID number', async () => {
    const seeker = await registerSeeker(app, 'band.seeker', {
      idNumber: idNumber('19900101', 11), // 1990
      townshipCode: 'xishe',
    });
    await call(app, seeker, 'put', '/api/v1/seekers/me', profileBody('xishe')).expect(200);
    await call(app, seeker, 'patch', '/api/v1/seekers/me/consent', { searchableByEmployers: true }).expect(
      200,
    );
    const ds = app.get(DataSource);
    const year = async () =>
      (await ds.query(`SELECT birth_year FROM seeker_profiles WHERE user_id = $1`, [seeker.id]))[0]
        .birth_year as number | null;
    expect(await year()).toBe(1990);
    await drainOutbox(worker);
    expect((await documentOf(seeker.id))?.ageBand).toBe(bandOf(1990));

    // Another year in the column (the ID number unchanged): both the feed and a rebuild follow the column.
    await ds.query(`UPDATE seeker_profiles SET birth_year = 1958 WHERE user_id = $1`, [seeker.id]);
    await call(app, seeker, 'patch', '/api/v1/seekers/me/consent', { searchableByEmployers: true }).expect(
      200,
    );
    await drainOutbox(worker);
    expect((await documentOf(seeker.id))?.ageBand).toBe(bandOf(1958));
    await ds.query(`UPDATE seeker_profiles SET birth_year = 2004 WHERE user_id = $1`, [seeker.id]);
    await worker.get(SeekerIndexerService).syncSeekers([seeker.id]);
    expect((await documentOf(seeker.id))?.ageBand).toBe(bandOf(2004));

    // A profile PUT writes the year from the ID number again.
    await call(app, seeker, 'put', '/api/v1/seekers/me', profileBody('xishe')).expect(200);
    expect(await year()).toBe(1990);
    await drainOutbox(worker);
    expect((await documentOf(seeker.id))?.ageBand).toBe(bandOf(1990));
  });

  it('the API fills birth years of older profiles at start-up and re-indexes the consenting ones', async () => {
    const ds = () => app.get(DataSource);
    const make = async (login: string, id: string | null, consent: boolean) => {
      const s = await registerSeeker(app, login, { townshipCode: 'qinghe', ...(id ? { idNumber: id } : {}) });
      await call(app, s, 'put', '/api/v1/seekers/me', profileBody('qinghe')).expect(200);
      if (consent)
        await call(app, s, 'patch', '/api/v1/seekers/me/consent', { searchableByEmployers: true }).expect(
          200,
        );
      return s.id;
    };
    const consenting = await make('old.consenting', idNumber('19750630', 21), true);
    const privateOne = await make('old.private', idNumber('20010315', 32), false);
    const noId = await make('old.no-id', null, true);
    const unreadable = await make('old.unreadable', idNumber('19880808', 41), true);
    await drainOutbox(worker);
    const ids = [consenting, privateOne, noId, unreadable];

    // Rows as they were before migration 1764300500000: no birth year, documents without a band.
    await ds().query(`UPDATE seeker_profiles SET birth_year = NULL WHERE user_id = ANY($1::uuid[])`, [ids]);
    // An envelope no key opens (e.g. written under a key since lost) stays null and is not re-indexed.
    await ds().query(`UPDATE users SET id_number_enc = '\\x01deadbeef'::bytea WHERE id = $1`, [unreadable]);
    await worker.get(SeekerIndexerService).syncSeekers(ids);
    expect((await documentOf(consenting))?.ageBand).toBeNull();

    const [{ last }] = await ds().query(`SELECT coalesce(max(id), 0)::bigint AS last FROM outbox`);
    await app.close();
    app = await startApi();
    const rows: { user_id: string; birth_year: number | null }[] = await ds().query(
      `SELECT user_id, birth_year FROM seeker_profiles WHERE user_id = ANY($1::uuid[])`,
      [ids],
    );
    expect(Object.fromEntries(rows.map((r) => [r.user_id, r.birth_year]))).toEqual({
      [consenting]: 1975,
      [privateOne]: 2001,
      [noId]: null,
      [unreadable]: null,
    });
    const emitted: { seeker_id: string }[] = await ds().query(
      `SELECT payload->>'seekerId' AS seeker_id FROM outbox WHERE job_name = $1 AND id > $2`,
      [JobName.SeekerChanged, last],
    );
    expect(emitted.map((r) => r.seeker_id)).toEqual([consenting]);
    await drainOutbox(worker);
    expect((await documentOf(consenting))?.ageBand).toBe(bandOf(1975));
    expect(await documentOf(privateOne)).toBeNull();
    expect((await documentOf(noId))?.ageBand).toBeNull();

    // Idempotent: a second run fills nothing and writes no outbox row; the unreadable one is tried again.
    const [{ n: before }] = await ds().query(`SELECT count(*)::int AS n FROM outbox`);
    expect(await app.get(SeekerBirthYearBackfill).run(2)).toEqual({ filled: 0, reindexed: 0, unreadable: 1 });
    const [{ n: after }] = await ds().query(`SELECT count(*)::int AS n FROM outbox`);
    expect(after).toBe(before);
    // Keep the suite's data readable for the tests below (profile views decrypt ID numbers).
    await ds().query(`UPDATE users SET id_number_enc = NULL, id_number_index = NULL WHERE id = $1`, [
      unreadable,
    ]);
  });

  it('staff register a seeker, help them one-to-one; the seeker signs in and consents', async () => {
    const staff: Session = await createPrivileged(app, Role.Staff, 'staff.huayu', 'huayu');
    const colleague: Session = await createPrivileged(app, Role.Staff, 'staff.county');
    const other: Session = await createPrivileged(app, Role.Staff, 'staff.taiyang', 'taiyang');

    const created = await call(app, staff, 'post', '/api/v1/seekers', {
      login: 'li.guihua',
      password: PASSWORD,
      displayName: '李桂花',
      mobile: '13612345678',
      idNumber: ID_NUMBERS[5], // born 1988-08-08
      ...profileBody('huayu', {
        desiredOccupations: ['保洁', '家政'],
        skills: ['保洁'],
        certificates: [],
        education: 'junior-high',
        availability: 'immediately',
        groups: ['difficult', 'poverty-alleviated'],
        registeredUnemployedSince: '2025-02-01',
      }),
    }).expect(201);
    const id = created.body.id as string;
    expect(created.body).toMatchObject({ assistedBy: staff.id, searchableByEmployers: false });
    expect(created.body.person).toMatchObject({ displayName: '李桂花', idNumber: '140824**********69' });

    const n1 = await call(app, staff, 'post', `/api/v1/seekers/${id}/assistance-notes`, {
      note: '入户走访，了解到可从事保洁工作，推荐稷峰镇物业公司岗位',
    }).expect(201);
    expect(n1.body).toMatchObject({ seekerId: id, authorId: staff.id, authorName: 'staff.huayu' });
    await call(app, colleague, 'post', `/api/v1/seekers/${id}/assistance-notes`, {
      note: '电话回访：已面试',
    }).expect(201);
    await call(app, other, 'post', `/api/v1/seekers/${id}/assistance-notes`, { note: '越权' }).expect(404);
    await call(app, other, 'get', `/api/v1/seekers/${id}`).expect(404);

    const notes = await call(app, staff, 'get', `/api/v1/seekers/${id}/assistance-notes`).expect(200);
    expect(notes.body.map((n: { note: string; authorId: string }) => [n.authorId, n.note])).toEqual([
      [staff.id, '入户走访，了解到可从事保洁工作，推荐稷峰镇物业公司岗位'],
      [colleague.id, '电话回访：已面试'],
    ]);
    // The first helper stays the contact (帮扶责任人).
    const seen = await call(app, colleague, 'get', `/api/v1/seekers/${id}`).expect(200);
    expect(seen.body.assistedBy).toBe(staff.id);

    const seeker = await login(app, 'li.guihua');
    const me = await call(app, seeker, 'get', '/api/v1/seekers/me').expect(200);
    expect(me.body).toMatchObject({ id, townshipCode: 'huayu', groups: ['difficult', 'poverty-alleviated'] });
    await call(app, seeker, 'get', `/api/v1/seekers/${id}/assistance-notes`).expect(403);

    await drainOutbox(worker);
    expect(await documentOf(id)).toBeNull();
    await call(app, seeker, 'patch', '/api/v1/seekers/me/consent', { searchableByEmployers: true }).expect(
      200,
    );
    await drainOutbox(worker);
    const doc = await documentOf(id);
    expect(doc).toMatchObject({
      id,
      township: '化峪镇',
      groups: ['difficult', 'poverty-alleviated'],
      availability: 'immediately',
      ageBand: '35-44',
      education: 'junior-high',
    });
    expectNoPersonalData(doc!, [ID_NUMBERS[5], '13612345678', '李桂花', 'li.guihua', '入户走访']);
  });

  it('reconciliation repairs the seekers index: a lost document comes back, a stray one goes', async () => {
    const reconciler = worker.get(SearchReconcileService);
    await drainOutbox(worker);
    const before = await reconciler.reconcileSeekers();
    expect(before.published).toBeGreaterThan(0);
    const index = search.client.index(uid());
    const { results } = await index.getDocuments({ limit: 1 });
    const lost = String(results[0].id);
    await index.deleteDocument(lost).waitTask();
    const stray = '00000000-0000-4000-8000-000000000001';
    await index.addDocuments([{ id: stray, township: '稷峰镇' }]).waitTask();

    const report = await reconciler.reconcileSeekers();
    expect(report).toMatchObject({ missing: 1, extra: 1, published: before.published });
    expect(await documentOf(lost)).not.toBeNull();
    expect(await documentOf(stray)).toBeNull();
    expect((await reconciler.reconcileSeekers()).missing + (await reconciler.reconcileSeekers()).extra).toBe(
      0,
    );
  });
});
