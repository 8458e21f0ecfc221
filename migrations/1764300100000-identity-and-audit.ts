import { MigrationInterface, QueryRunner } from 'typeorm';

/** Identity (organisations, users, refresh tokens) and the append-only audit log. */
export class IdentityAndAudit1764300100000 implements MigrationInterface {
  name = 'IdentityAndAudit1764300100000';

  async up(q: QueryRunner): Promise<void> {
    // Enterprises (用人单位) and HR service organisations (人力资源服务机构). A later issue adds the
    // enterprise profile keyed by organisations.id.
    await q.query(`
      CREATE TABLE organisations (
        id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        kind        text        NOT NULL CHECK (kind IN ('enterprise', 'agency')),
        name        text        NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
        credit_code text        NOT NULL UNIQUE CHECK (credit_code ~ '^[0-9A-HJ-NP-RTUWXY]{18}$'),
        agency_kind text        CHECK (agency_kind IN ('hr-firm', 'training', 'domestic-service', 'broker')),
        created_at  timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT organisations_agency_kind CHECK ((kind = 'agency') = (agency_kind IS NOT NULL))
      )`);
    // Personal data is never stored in plain text: mobile_enc / id_number_enc are AES-256-GCM
    // envelopes (key id, IV, tag, ciphertext); id_number_index is an HMAC-SHA256 blind index.
    await q.query(`
      CREATE TABLE users (
        id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        role            text        NOT NULL CHECK (role IN ('seeker', 'employer', 'agency', 'staff', 'admin')),
        login           text        NOT NULL CHECK (login = lower(login) AND length(login) BETWEEN 3 AND 64),
        password_hash   text        NOT NULL,
        display_name    text        NOT NULL CHECK (length(display_name) BETWEEN 1 AND 100),
        mobile_enc      bytea,
        id_number_enc   bytea,
        id_number_index bytea,
        organisation_id uuid REFERENCES organisations (id),
        township_code   text REFERENCES townships (code),
        token_version   integer     NOT NULL DEFAULT 0,
        created_at      timestamptz NOT NULL DEFAULT now(),
        updated_at      timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT users_login_unique UNIQUE (login),
        CONSTRAINT users_id_number_index_unique UNIQUE (id_number_index),
        CONSTRAINT users_id_number_pair CHECK ((id_number_enc IS NULL) = (id_number_index IS NULL)),
        CONSTRAINT users_org_membership CHECK ((role IN ('employer', 'agency')) = (organisation_id IS NOT NULL)),
        CONSTRAINT users_township_roles CHECK (township_code IS NULL OR role IN ('seeker', 'staff'))
      )`);
    await q.query(
      `CREATE INDEX users_organisation ON users (organisation_id) WHERE organisation_id IS NOT NULL`,
    );
    await q.query(
      `CREATE INDEX users_township ON users (township_code, created_at) WHERE township_code IS NOT NULL`,
    );
    // Opaque refresh tokens, stored as sha256; rotation keeps the family so that reuse of a
    // revoked token can revoke every token descended from the same login.
    await q.query(`
      CREATE TABLE refresh_tokens (
        id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id     uuid        NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        family_id   uuid        NOT NULL,
        token_hash  text        NOT NULL UNIQUE,
        created_at  timestamptz NOT NULL DEFAULT now(),
        expires_at  timestamptz NOT NULL,
        revoked_at  timestamptz,
        replaced_by uuid
      )`);
    await q.query(`CREATE INDEX refresh_tokens_family ON refresh_tokens (family_id)`);
    await q.query(`CREATE INDEX refresh_tokens_user ON refresh_tokens (user_id)`);

    // Append-only: who did what to which record, when, why. No personal data in details.
    await q.query(`
      CREATE TABLE audit_log (
        id          bigserial PRIMARY KEY,
        at          timestamptz NOT NULL DEFAULT now(),
        actor_id    uuid,
        actor_role  text,
        action      text        NOT NULL CHECK (length(action) BETWEEN 1 AND 100),
        target_type text        NOT NULL CHECK (length(target_type) BETWEEN 1 AND 100),
        target_id   text,
        reason      text,
        request_id  text,
        details     jsonb       NOT NULL DEFAULT '{}'::jsonb
      )`);
    await q.query(`CREATE INDEX audit_log_at ON audit_log (at, id)`);
    await q.query(`CREATE INDEX audit_log_actor ON audit_log (actor_id, at)`);
    await q.query(`CREATE INDEX audit_log_action ON audit_log (action, at)`);
    await q.query(`CREATE INDEX audit_log_target ON audit_log (target_type, target_id, at)`);
    await q.query(`
      CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'audit_log is append-only: % is not allowed', TG_OP USING ERRCODE = 'insufficient_privilege';
      END
      $$`);
    await q.query(`
      CREATE TRIGGER audit_log_no_update_delete BEFORE UPDATE OR DELETE ON audit_log
      FOR EACH ROW EXECUTE FUNCTION audit_log_append_only()`);
    await q.query(`
      CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
      FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE audit_log`);
    await q.query(`DROP FUNCTION audit_log_append_only()`);
    await q.query(`DROP TABLE refresh_tokens`);
    await q.query(`DROP TABLE users`);
    await q.query(`DROP TABLE organisations`);
  }
}
