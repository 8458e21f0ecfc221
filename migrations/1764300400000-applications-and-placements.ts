import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Applications (求职申请), their timestamped steps, placements (就业登记 / 安置记录), agency
 * referrals (人力资源服务机构推荐) and the worker's receipts of placement events.
 */
export class ApplicationsAndPlacements1764300400000 implements MigrationInterface {
  name = 'ApplicationsAndPlacements1764300400000';

  async up(q: QueryRunner): Promise<void> {
    // applied → screening → interview → offer → hired, or rejected / withdrawn.
    await q.query(`
      CREATE TABLE applications (
        id                    uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        job_post_id           uuid        NOT NULL REFERENCES job_posts (id),
        seeker_user_id        uuid        NOT NULL REFERENCES users (id),
        status                text        NOT NULL DEFAULT 'applied' CHECK (status IN
                              ('applied', 'screening', 'interview', 'offer', 'hired', 'rejected', 'withdrawn')),
        referred_by_agency_id uuid REFERENCES organisations (id),
        referral_free         boolean     NOT NULL DEFAULT false,
        cover_note            text CHECK (length(cover_note) <= 1000),
        created_by            uuid        NOT NULL REFERENCES users (id),
        created_at            timestamptz NOT NULL DEFAULT now(),
        status_changed_at     timestamptz NOT NULL DEFAULT now(),
        updated_at            timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT applications_referral_free CHECK (referred_by_agency_id IS NOT NULL OR NOT referral_free)
      )`);
    // One active application per seeker and post: a rejected or withdrawn one may be followed by a new one.
    await q.query(
      `CREATE UNIQUE INDEX applications_one_active ON applications (job_post_id, seeker_user_id)
        WHERE status NOT IN ('rejected', 'withdrawn')`,
    );
    await q.query(`CREATE INDEX applications_post ON applications (job_post_id, created_at)`);
    await q.query(`CREATE INDEX applications_seeker ON applications (seeker_user_id, created_at DESC)`);
    await q.query(
      `CREATE INDEX applications_agency ON applications (referred_by_agency_id)
        WHERE referred_by_agency_id IS NOT NULL`,
    );

    // Append-only history: every step with who and when (from_status NULL = the application itself).
    await q.query(`
      CREATE TABLE application_events (
        id             bigserial PRIMARY KEY,
        application_id uuid        NOT NULL REFERENCES applications (id),
        from_status    text,
        to_status      text        NOT NULL,
        actor_user_id  uuid        NOT NULL REFERENCES users (id),
        note           text CHECK (length(note) <= 1000),
        at             timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX application_events_application ON application_events (application_id, id)`);

    // What the subsidy engine's "hire" needs later: dates, job location, post kind, the employer's
    // social insurance, the referral (agency, free) and the organised labour-export trip (组织劳务输出).
    await q.query(`
      CREATE TABLE placements (
        id                                    uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        application_id                        uuid REFERENCES applications (id),
        job_post_id                           uuid REFERENCES job_posts (id),
        employer_organisation_id              uuid        NOT NULL REFERENCES organisations (id),
        seeker_user_id                        uuid        NOT NULL REFERENCES users (id),
        start_date                            date        NOT NULL,
        contract_end_date                     date,
        job_province                          text        NOT NULL CHECK (length(job_province) BETWEEN 1 AND 50),
        job_city                              text CHECK (length(job_city) BETWEEN 1 AND 50),
        job_county                            text CHECK (length(job_county) BETWEEN 1 AND 50),
        township_code                         text REFERENCES townships (code),
        post_kind                             text        NOT NULL DEFAULT 'regular'
                                              CHECK (post_kind IN ('regular', 'public-welfare', 'public-welfare-community')),
        employer_social_insurance_monthly_fen bigint CHECK (employer_social_insurance_monthly_fen >= 0),
        referring_agency_id                   uuid REFERENCES organisations (id),
        referral_free                         boolean     NOT NULL DEFAULT false,
        organised_export_trip_id              text CHECK (length(organised_export_trip_id) BETWEEN 1 AND 100),
        source                                text        NOT NULL CHECK (source IN ('application', 'staff')),
        ended_on                              date,
        end_reason                            text CHECK (length(end_reason) BETWEEN 1 AND 500),
        ended_by                              uuid REFERENCES users (id),
        recorded_by                           uuid        NOT NULL REFERENCES users (id),
        created_at                            timestamptz NOT NULL DEFAULT now(),
        updated_at                            timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT placements_one_per_application UNIQUE (application_id),
        CONSTRAINT placements_source CHECK ((source = 'application') = (application_id IS NOT NULL)),
        CONSTRAINT placements_contract_order CHECK (contract_end_date IS NULL OR contract_end_date >= start_date),
        CONSTRAINT placements_end_order CHECK (ended_on IS NULL OR ended_on >= start_date),
        CONSTRAINT placements_end_reason CHECK ((ended_on IS NULL) = (end_reason IS NULL)),
        CONSTRAINT placements_referral_free CHECK (referring_agency_id IS NOT NULL OR NOT referral_free)
      )`);
    await q.query(
      `CREATE INDEX placements_employer ON placements (employer_organisation_id, start_date DESC)`,
    );
    await q.query(`CREATE INDEX placements_seeker ON placements (seeker_user_id)`);
    await q.query(
      `CREATE INDEX placements_agency ON placements (referring_agency_id) WHERE referring_agency_id IS NOT NULL`,
    );
    await q.query(
      `CREATE INDEX placements_township ON placements (township_code) WHERE township_code IS NOT NULL`,
    );

    // An agency's referral of a seeker to a post; it creates the application it points to.
    await q.query(`
      CREATE TABLE agency_referrals (
        id                     uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        agency_organisation_id uuid        NOT NULL REFERENCES organisations (id),
        seeker_user_id         uuid        NOT NULL REFERENCES users (id),
        job_post_id            uuid        NOT NULL REFERENCES job_posts (id),
        application_id         uuid        NOT NULL UNIQUE REFERENCES applications (id),
        free                   boolean     NOT NULL,
        note                   text CHECK (length(note) <= 1000),
        created_by             uuid        NOT NULL REFERENCES users (id),
        created_at             timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(
      `CREATE INDEX agency_referrals_agency ON agency_referrals (agency_organisation_id, created_at)`,
    );

    // The worker's receipt of each placement event (one per outbox row): the hook the subsidy
    // claims will hang from, and evidence that the event was handled exactly once.
    await q.query(`
      CREATE TABLE placement_events (
        id           bigserial PRIMARY KEY,
        placement_id uuid        NOT NULL REFERENCES placements (id),
        kind         text        NOT NULL CHECK (kind IN ('recorded', 'ended')),
        outbox_id    bigint      NOT NULL UNIQUE,
        received_at  timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX placement_events_placement ON placement_events (placement_id, id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE placement_events`);
    await q.query(`DROP TABLE agency_referrals`);
    await q.query(`DROP TABLE placements`);
    await q.query(`DROP TABLE application_events`);
    await q.query(`DROP TABLE applications`);
  }
}
