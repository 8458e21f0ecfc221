import { MigrationInterface, QueryRunner } from 'typeorm';

/** Enterprise profiles (用人单位档案), job posts (招聘岗位) and sheet imports (岗位信息采集表导入). */
export class EnterprisesAndJobPosts1764300200000 implements MigrationInterface {
  name = 'EnterprisesAndJobPosts1764300200000';

  async up(q: QueryRunner): Promise<void> {
    // One profile per enterprise organisation. Size class (大型/中型/小型/微型) decides subsidies;
    // is_key marks 重点企业; the commissioner is the 人社服务专员 (a staff user) who looks after it.
    await q.query(`
      CREATE TABLE enterprise_profiles (
        organisation_id      uuid PRIMARY KEY REFERENCES organisations (id),
        size                 text CHECK (size IN ('large', 'medium', 'small', 'micro')),
        industry             text CHECK (length(industry) BETWEEN 1 AND 100),
        township_code        text REFERENCES townships (code),
        address              text CHECK (length(address) BETWEEN 1 AND 200),
        contact_name         text CHECK (length(contact_name) BETWEEN 1 AND 100),
        contact_phone        text CHECK (length(contact_phone) BETWEEN 5 AND 20),
        is_key               boolean     NOT NULL DEFAULT false,
        commissioner_user_id uuid REFERENCES users (id),
        created_at           timestamptz NOT NULL DEFAULT now(),
        updated_at           timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX enterprise_profiles_township ON enterprise_profiles (township_code)`);
    await q.query(
      `CREATE INDEX enterprise_profiles_commissioner ON enterprise_profiles (commissioner_user_id)
        WHERE commissioner_user_id IS NOT NULL`,
    );

    // A post is in the county (township_code) or outside it (劳务输出: province/city/county text).
    await q.query(`
      CREATE TABLE job_posts (
        id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        employer_id      uuid        NOT NULL REFERENCES organisations (id),
        title            text        NOT NULL CHECK (length(title) BETWEEN 1 AND 100),
        occupation       text CHECK (length(occupation) BETWEEN 1 AND 100),
        headcount        integer     NOT NULL CHECK (headcount BETWEEN 1 AND 100000),
        township_code    text REFERENCES townships (code),
        outside_province text CHECK (length(outside_province) BETWEEN 1 AND 50),
        outside_city     text CHECK (length(outside_city) BETWEEN 1 AND 50),
        outside_county   text CHECK (length(outside_county) BETWEEN 1 AND 50),
        place_text       text        NOT NULL DEFAULT '',
        employment_type  text        NOT NULL DEFAULT 'full-time'
                         CHECK (employment_type IN ('full-time', 'part-time', 'temporary', 'internship')),
        is_internship    boolean     NOT NULL DEFAULT false,
        wage_min_fen     bigint CHECK (wage_min_fen >= 0),
        wage_max_fen     bigint CHECK (wage_max_fen >= 0),
        education        text CHECK (education IN
                         ('none', 'junior-high', 'senior-high', 'secondary-vocational', 'college', 'bachelor', 'master')),
        age_min          integer CHECK (age_min BETWEEN 16 AND 70),
        age_max          integer CHECK (age_max BETWEEN 16 AND 70),
        skills           text[]      NOT NULL DEFAULT '{}',
        benefits         text[]      NOT NULL DEFAULT '{}',
        description      text CHECK (length(description) <= 2000),
        requirements     text CHECK (length(requirements) <= 2000),
        contact_name     text CHECK (length(contact_name) <= 100),
        contact_phone    text CHECK (length(contact_phone) <= 20),
        deadline         date,
        status           text        NOT NULL DEFAULT 'draft' CHECK (status IN
                         ('draft', 'pending-review', 'published', 'closed', 'filled', 'expired')),
        reviewed_by      uuid REFERENCES users (id),
        reviewed_at      timestamptz,
        reject_reason    text CHECK (length(reject_reason) <= 500),
        published_at     timestamptz,
        ended_at         timestamptz,
        dedupe_key       text        NOT NULL,
        source           text        NOT NULL DEFAULT 'manual' CHECK (source IN ('manual', 'import')),
        import_id        uuid,
        created_by       uuid REFERENCES users (id),
        created_at       timestamptz NOT NULL DEFAULT now(),
        updated_at       timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT job_posts_place CHECK ((township_code IS NULL) = (outside_province IS NOT NULL)),
        CONSTRAINT job_posts_wage_order CHECK (wage_min_fen IS NULL OR wage_max_fen IS NULL OR wage_max_fen >= wage_min_fen),
        CONSTRAINT job_posts_age_order CHECK (age_min IS NULL OR age_max IS NULL OR age_max >= age_min),
        CONSTRAINT job_posts_internship CHECK (is_internship = (employment_type = 'internship')),
        CONSTRAINT job_posts_published_at CHECK (status <> 'published' OR published_at IS NOT NULL)
      )`);
    // The same post (employer, title, place, headcount) may be open only once: a sheet imported
    // twice, even by two imports at the same moment, creates nothing new (INSERT … ON CONFLICT).
    await q.query(
      `CREATE UNIQUE INDEX job_posts_open_dedupe ON job_posts (dedupe_key)
        WHERE status IN ('draft', 'pending-review', 'published')`,
    );
    await q.query(`CREATE INDEX job_posts_employer ON job_posts (employer_id, created_at DESC)`);
    await q.query(`CREATE INDEX job_posts_status ON job_posts (status, created_at DESC)`);
    await q.query(
      `CREATE INDEX job_posts_deadline ON job_posts (deadline)
        WHERE deadline IS NOT NULL AND status IN ('draft', 'pending-review', 'published')`,
    );

    // Sheet uploads through the API, run in the background; result holds the contract JSON.
    await q.query(`
      CREATE TABLE job_post_imports (
        id             uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        status         text        NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'running', 'done', 'failed')),
        file_name      text        NOT NULL CHECK (length(file_name) BETWEEN 1 AND 255),
        publish        boolean     NOT NULL DEFAULT false,
        created_by     uuid        NOT NULL REFERENCES users (id),
        rows_processed integer     NOT NULL DEFAULT 0,
        imported       integer     NOT NULL DEFAULT 0,
        duplicates     integer     NOT NULL DEFAULT 0,
        rejected       integer     NOT NULL DEFAULT 0,
        bytes_read     bigint      NOT NULL DEFAULT 0,
        total_bytes    bigint,
        result         jsonb,
        error          text,
        created_at     timestamptz NOT NULL DEFAULT now(),
        started_at     timestamptz,
        finished_at    timestamptz
      )`);
    await q.query(`CREATE INDEX job_post_imports_created ON job_post_imports (created_at DESC)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE job_post_imports`);
    await q.query(`DROP TABLE job_posts`);
    await q.query(`DROP TABLE enterprise_profiles`);
  }
}
