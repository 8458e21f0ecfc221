import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { DomainError } from '@app/platform';
import type { AgencyKind } from '@app/subsidy-engine';
import { OrganisationCheckStatus, OrganisationKind } from './organisation.entity';
import { OrganisationRepository } from './organisation.repository';

/** What other domains may know of an organisation (an enterprise or an HR service organisation). */
export interface OrganisationSummary {
  id: string;
  kind: OrganisationKind;
  name: string;
  creditCode: string;
  agencyKind: AgencyKind | null;
  /** 单位核验 by staff, beyond the credit code. */
  checkStatus: OrganisationCheckStatus;
  checkedAt: string | null;
  checkNote: string | null;
  createdAt: string;
}

const summary = (o: {
  id: string;
  kind: OrganisationKind;
  name: string;
  creditCode: string;
  agencyKind: AgencyKind | null;
  checkStatus: OrganisationCheckStatus;
  checkedAt: Date | null;
  checkNote: string | null;
  createdAt: Date;
}): OrganisationSummary => ({
  id: o.id,
  kind: o.kind,
  name: o.name,
  creditCode: o.creditCode,
  agencyKind: o.agencyKind,
  checkStatus: o.checkStatus,
  checkedAt: o.checkedAt ? new Date(o.checkedAt).toISOString() : null,
  checkNote: o.checkNote,
  createdAt: new Date(o.createdAt).toISOString(),
});

/**
 * Organisations (identity owns them: users belong to one). Enterprises and the sheet import
 * create theirs here; placements and fairs read names and agency kinds from here.
 */
@Injectable()
export class OrganisationsService {
  constructor(private readonly organisations: OrganisationRepository) {}

  /** A NEW enterprise organisation; a credit code already registered → 409 naming creditCode. */
  async registerEnterprise(name: string, creditCode: string, m: EntityManager): Promise<OrganisationSummary> {
    const created = await this.organisations.insertIfNew(
      { kind: 'enterprise', name: name.trim(), creditCode, agencyKind: null },
      m,
    );
    if (!created) {
      throw new DomainError(
        'enterprise.already-registered',
        'creditCode: an organisation with this credit code is already registered',
        409,
        [{ field: 'creditCode', message: 'already registered' }],
      );
    }
    return summary(created);
  }

  /**
   * The enterprise of a credit code, created when new (the sheet import). Concurrent imports of
   * the same new code end with one organisation. A code registered as an agency → 409.
   */
  async findOrCreateEnterprise(
    name: string,
    creditCode: string,
    m: EntityManager,
  ): Promise<{ organisationId: string; created: boolean }> {
    const created = await this.organisations.insertIfNew(
      { kind: 'enterprise', name: name.trim(), creditCode, agencyKind: null },
      m,
    );
    if (created) return { organisationId: created.id, created: true };
    const existing = await this.organisations.byCreditCode(creditCode, m);
    if (!existing) throw new Error(`organisation ${creditCode} vanished during upsert`);
    if (existing.kind !== 'enterprise') {
      throw new DomainError(
        'enterprise.credit-code-is-agency',
        'creditCode: this credit code is registered as an HR service organisation, not an enterprise',
        409,
        [{ field: 'creditCode', message: 'registered as an HR service organisation' }],
      );
    }
    return { organisationId: existing.id, created: false };
  }

  /** Records the staff check inside the caller's transaction (the gig market's PosterCheck); 404 when unknown. */
  async recordCheck(
    m: EntityManager,
    id: string,
    c: { status: 'verified' | 'failed'; by: string; note: string | null },
  ): Promise<OrganisationSummary> {
    const o = await this.organisations.setCheck(m, id, c);
    if (!o) throw DomainError.notFound('Organisation');
    return summary(o);
  }

  /**
   * The staff check of an organisation inside the caller's transaction, locked against a check
   * being recorded at the same moment (the gig market posts only for organisations not failed).
   */
  checkStatusLocked(m: EntityManager, id: string): Promise<OrganisationCheckStatus | null> {
    return this.organisations.checkStatusLocked(m, id);
  }

  async byIds(ids: readonly string[], m?: EntityManager): Promise<Map<string, OrganisationSummary>> {
    return new Map((await this.organisations.byIds(ids, m)).map((o) => [o.id, summary(o)]));
  }

  async get(id: string, m?: EntityManager): Promise<OrganisationSummary | null> {
    return (await this.byIds([id], m)).get(id) ?? null;
  }

  async page(
    f: { kind: OrganisationKind; onlyIds?: readonly string[]; exceptIds?: readonly string[]; q?: string },
    limit: number,
    offset: number,
  ): Promise<{ items: OrganisationSummary[]; total: number }> {
    const { rows, total } = await this.organisations.page(f, limit, offset);
    return { items: rows.map(summary), total };
  }
}
