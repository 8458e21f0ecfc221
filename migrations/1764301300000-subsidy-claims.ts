import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The money pipeline (免申即享): the records that trigger subsidies besides placements (skill
 * certificates, startup businesses, employers' unemployment-insurance years), every decision of the
 * engine for each of them, the claims filed from the eligible ones, payment batches, and the
 * in-app notifications that tell beneficiaries. Money is bigint fen.
 *
 * A claim is unique on (measure, beneficiary, source, period): the same event handled twice, by
 * two workers, after a crash or a Redis flush, never yields a second claim. A reviewer may lower an
 * amount, never raise it (a CHECK). Corrections after a policy change are adjustment claims (their
 * own rows, positive or negative), never edits.
 */
export class SubsidyClaims1764301300000 implements MigrationInterface {
  name = 'SubsidyClaims1764301300000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE skill_certificates (
        id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        person_user_id  uuid        NOT NULL REFERENCES users (id),
        level           text        NOT NULL CHECK (level IN ('junior', 'intermediate', 'senior')),
        occupation      text        NOT NULL CHECK (length(occupation) BETWEEN 1 AND 100),
        certificate_no  text CHECK (length(certificate_no) BETWEEN 1 AND 60),
        issued_on       date        NOT NULL,
        issuing_body    text        NOT NULL CHECK (length(issuing_body) BETWEEN 1 AND 200),
        insured_months  integer CHECK (insured_months BETWEEN 0 AND 1000),
        receiving_unemployment_benefit boolean NOT NULL DEFAULT false,
        township_code   text REFERENCES townships (code),
        recorded_by     uuid        NOT NULL REFERENCES users (id),
        created_at      timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT skill_certificates_once UNIQUE (person_user_id, level, occupation, issued_on)
      )`);
    await q.query(`CREATE INDEX skill_certificates_person ON skill_certificates (person_user_id, issued_on)`);

    await q.query(`
      CREATE TABLE startup_businesses (
        id                    uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        founder_user_id       uuid        NOT NULL REFERENCES users (id),
        name                  text        NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
        credit_code           text CHECK (length(credit_code) = 18),
        kind                  text        NOT NULL CHECK (kind IN ('micro-enterprise', 'small-enterprise', 'individual')),
        licensed_on           date        NOT NULL,
        first_business        boolean     NOT NULL,
        employees             integer     NOT NULL CHECK (employees BETWEEN 0 AND 100000),
        pays_tax              boolean     NOT NULL DEFAULT false,
        pays_social_insurance boolean     NOT NULL DEFAULT false,
        township_code         text REFERENCES townships (code),
        closed_on             date CHECK (closed_on IS NULL OR closed_on >= licensed_on),
        snapshot              jsonb       NOT NULL,
        recorded_by           uuid        NOT NULL REFERENCES users (id),
        created_at            timestamptz NOT NULL DEFAULT now(),
        updated_at            timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE UNIQUE INDEX startup_businesses_credit_code ON startup_businesses (credit_code)
                    WHERE credit_code IS NOT NULL`);
    await q.query(`CREATE INDEX startup_businesses_founder ON startup_businesses (founder_user_id)`);

    await q.query(`
      CREATE TABLE employer_insurance_years (
        id                       uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        employer_organisation_id uuid        NOT NULL REFERENCES organisations (id),
        year                     integer     NOT NULL CHECK (year BETWEEN 2000 AND 2100),
        insured_staff            integer     NOT NULL CHECK (insured_staff BETWEEN 0 AND 1000000),
        laid_off                 integer     NOT NULL CHECK (laid_off BETWEEN 0 AND 1000000),
        premiums_fen             bigint      NOT NULL CHECK (premiums_fen >= 0),
        employer_size            text CHECK (employer_size IN ('large', 'medium', 'small', 'micro')),
        township_code            text REFERENCES townships (code),
        recorded_by              uuid        NOT NULL REFERENCES users (id),
        created_at               timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT employer_insurance_years_once UNIQUE (employer_organisation_id, year)
      )`);

    // Every decision of the engine for a source: `period` is `event` for the evaluation when the
    // record was written, YYYY-MM / YYYY / a due date for the ones that waited for time to pass.
    await q.query(`
      CREATE TABLE subsidy_decisions (
        id             bigserial PRIMARY KEY,
        source_kind    text        NOT NULL,
        source_id      uuid        NOT NULL,
        measure        text        NOT NULL,
        period         text        NOT NULL,
        as_of          date        NOT NULL,
        eligible       boolean     NOT NULL,
        amount_fen     bigint,
        policy_id      text        NOT NULL,
        policy_version text        NOT NULL,
        decision       jsonb       NOT NULL,
        created_at     timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT subsidy_decisions_once UNIQUE (source_kind, source_id, measure, period)
      )`);

    await q.query(`
      CREATE TABLE subsidy_payment_batches (
        id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        reference   text        NOT NULL UNIQUE CHECK (length(reference) BETWEEN 1 AND 100),
        claim_count integer     NOT NULL,
        total_fen   bigint      NOT NULL,
        paid_by     uuid        NOT NULL REFERENCES users (id),
        paid_at     timestamptz NOT NULL DEFAULT now()
      )`);

    await q.query(`
      CREATE TABLE subsidy_claims (
        id                  uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        measure             text        NOT NULL,
        clause              text        NOT NULL,
        beneficiary_kind    text        NOT NULL CHECK (beneficiary_kind IN ('employer', 'person', 'agency')),
        beneficiary_id      uuid        NOT NULL,
        subject_person_id   uuid,
        source_kind         text        NOT NULL
                            CHECK (source_kind IN ('placement', 'certificate', 'business', 'insurance-year',
                                                   'profile', 'adjustment')),
        source_id           uuid        NOT NULL,
        period              text        NOT NULL,
        amount_fen          bigint,
        approved_amount_fen bigint,
        status              text        NOT NULL DEFAULT 'pending-review'
                            CHECK (status IN ('pending-review', 'approved', 'rejected', 'paid')),
        policy_id           text        NOT NULL,
        policy_version      text        NOT NULL,
        reasons             jsonb       NOT NULL,
        township_code       text,
        adjusts_claim_id    uuid REFERENCES subsidy_claims (id),
        decided_by          uuid REFERENCES users (id),
        decided_at          timestamptz,
        decision_reason     text CHECK (length(decision_reason) BETWEEN 1 AND 500),
        paid_at             timestamptz,
        payment_batch_id    uuid REFERENCES subsidy_payment_batches (id),
        payment_reference   text,
        created_at          timestamptz NOT NULL DEFAULT now(),
        updated_at          timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT subsidy_claims_once UNIQUE (measure, beneficiary_kind, beneficiary_id, source_kind, source_id, period),
        CONSTRAINT subsidy_claims_amount CHECK (amount_fen IS NULL OR amount_fen >= 0 OR source_kind = 'adjustment'),
        CONSTRAINT subsidy_claims_never_above CHECK (
          approved_amount_fen IS NULL OR amount_fen IS NULL OR
          (source_kind = 'adjustment' AND approved_amount_fen = amount_fen) OR
          (approved_amount_fen >= 0 AND approved_amount_fen <= amount_fen)),
        CONSTRAINT subsidy_claims_paid CHECK ((status = 'paid') = (paid_at IS NOT NULL)),
        CONSTRAINT subsidy_claims_adjustment CHECK ((source_kind = 'adjustment') = (adjusts_claim_id IS NOT NULL))
      )`);
    await q.query(`CREATE INDEX subsidy_claims_source ON subsidy_claims (source_kind, source_id)`);
    await q.query(`CREATE INDEX subsidy_claims_subject ON subsidy_claims (subject_person_id, measure)`);
    await q.query(
      `CREATE INDEX subsidy_claims_beneficiary ON subsidy_claims (beneficiary_kind, beneficiary_id)`,
    );
    await q.query(`CREATE INDEX subsidy_claims_queue ON subsidy_claims (status, created_at DESC)`);
    await q.query(`CREATE INDEX subsidy_claims_period ON subsidy_claims (measure, period)`);

    // In-app notifications: to one user, or to every member of an organisation.
    await q.query(`
      CREATE TABLE notifications (
        id                        uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        recipient_user_id         uuid REFERENCES users (id),
        recipient_organisation_id uuid REFERENCES organisations (id),
        kind                      text        NOT NULL CHECK (length(kind) BETWEEN 1 AND 60),
        title                     text        NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
        body                      text        NOT NULL CHECK (length(body) <= 2000),
        subject_type              text,
        subject_id                uuid,
        dedupe_key                text        NOT NULL UNIQUE,
        read_at                   timestamptz,
        created_at                timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT notifications_recipient CHECK ((recipient_user_id IS NULL) <> (recipient_organisation_id IS NULL))
      )`);
    await q.query(`CREATE INDEX notifications_user ON notifications (recipient_user_id, created_at DESC)`);
    await q.query(
      `CREATE INDEX notifications_org ON notifications (recipient_organisation_id, created_at DESC)`,
    );

    // The placements' receipts of their events: the decisions now say what was done with a placement.
    await q.query(`DROP TABLE placement_events`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE placement_events (
        id           bigserial PRIMARY KEY,
        placement_id uuid        NOT NULL REFERENCES placements (id),
        kind         text        NOT NULL CHECK (kind IN ('recorded', 'ended')),
        outbox_id    bigint      NOT NULL UNIQUE,
        received_at  timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`DROP TABLE notifications`);
    await q.query(`DROP TABLE subsidy_claims`);
    await q.query(`DROP TABLE subsidy_payment_batches`);
    await q.query(`DROP TABLE subsidy_decisions`);
    await q.query(`DROP TABLE employer_insurance_years`);
    await q.query(`DROP TABLE startup_businesses`);
    await q.query(`DROP TABLE skill_certificates`);
  }
}
