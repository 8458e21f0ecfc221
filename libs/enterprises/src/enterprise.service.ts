import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AuthUser, DomainError, JobName, OutboxService, Role, townshipByCode } from '@app/platform';
import { maskMobile } from '@app/platform/validation';
import { AuditService } from '@app/audit';
import { OrganisationSummary, OrganisationsService, UserDirectory } from '@app/identity';
import type { EmployerSize } from '@app/subsidy-engine';
import {
  CreateEnterpriseDto,
  EnterpriseProfileFields,
  EnterpriseView,
  SetKeyEnterpriseDto,
} from './enterprise.dto';
import { EnterpriseProfileRepository, EnterpriseProfileRow } from './enterprise-profile.repository';

/** The enterprise facts other domains need for access checks (no personal data). */
export interface EnterpriseScope {
  organisationId: string;
  townshipCode: string | null;
  commissionerUserId: string | null;
}

/** What other domains may know of an enterprise: identity, profile facts, and its access scope. */
export interface EnterpriseFacts extends EnterpriseScope {
  name: string;
  creditCode: string;
  size: EmployerSize | null;
  industry: string | null;
  isKey: boolean;
}

/** Masks mobiles and landlines alike: the first three and last four characters stay. */
export function maskPhone(phone: string | null): string | null {
  return phone === null ? null : maskMobile(phone);
}

/**
 * Enterprises (用人单位): an identity organisation of kind `enterprise` (identity owns those rows)
 * plus its profile (enterprise_profiles, owned here).
 *
 * Who may see or manage one (`canManage`): admins and county-wide staff all; township staff those in
 * their township and those they are commissioner (人社服务专员) of; employers their own. Everyone
 * else gets a 404, never a 403, so existence is not revealed.
 *
 * A change of size or industry writes an `enterprise-changed` outbox row: the enterprise's posts
 * carry both for search and follow.
 */
@Injectable()
export class EnterpriseService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly profiles: EnterpriseProfileRepository,
    private readonly organisations: OrganisationsService,
    private readonly users: UserDirectory,
    private readonly outbox: OutboxService,
    private readonly audit: AuditService,
  ) {}

  /**
   * Used by the sheet import, inside the row's transaction: finds the enterprise by credit code or
   * creates organisation + profile. Size and industry fill only what the profile does not say yet.
   */
  async upsertByCreditCode(
    manager: EntityManager,
    input: { name: string; creditCode: string; size?: EmployerSize | null; industry?: string | null },
  ): Promise<{ organisationId: string; created: boolean }> {
    const found = await this.organisations.findOrCreateEnterprise(input.name, input.creditCode, manager);
    const filled = await this.profiles.fillBlanks(manager, found.organisationId, {
      size: input.size ?? null,
      industry: input.industry ?? null,
    });
    if (filled && !found.created) {
      await this.outbox.add(manager, JobName.EnterpriseChanged, { organisationId: found.organisationId });
    }
    return found;
  }

  /** An employer fills in (or updates) its own enterprise's profile. */
  async upsertMine(actor: AuthUser, dto: EnterpriseProfileFields): Promise<EnterpriseView> {
    if (actor.role !== Role.Employer || !actor.organisationId) throw DomainError.notFound('Enterprise');
    const organisationId = actor.organisationId;
    await this.dataSource.transaction(async (m) => {
      const org = await this.organisations.get(organisationId, m);
      if (org?.kind !== 'enterprise') throw DomainError.notFound('Enterprise');
      if (dto.townshipCode) assertTownship(dto.townshipCode);
      await this.writeProfile(m, organisationId, dto);
    });
    return this.load(organisationId);
  }

  /** Staff register an enterprise on its behalf (e.g. a 人社服务专员 visiting it). */
  async createByStaff(actor: AuthUser, dto: CreateEnterpriseDto): Promise<EnterpriseView> {
    const id = await this.dataSource.transaction(async (m) => {
      if (dto.townshipCode) assertTownship(dto.townshipCode);
      const org = await this.organisations.registerEnterprise(dto.name, dto.creditCode, m);
      await this.writeProfile(m, org.id, dto, false);
      await this.audit.record(
        {
          actorId: actor.id,
          actorRole: actor.role,
          action: 'enterprise.create',
          targetType: 'enterprise',
          targetId: org.id,
          townshipCodes: [dto.townshipCode],
        },
        m,
      );
      return org.id;
    });
    return this.load(id);
  }

  async list(
    actor: AuthUser,
    q: { q?: string; townshipCode?: string; isKey?: boolean; mine?: boolean; limit: number; offset: number },
  ): Promise<{ items: EnterpriseView[]; total: number }> {
    // The profile's filters pick ids here; identity pages the organisations among them.
    let only: string[] | undefined;
    const narrow = (ids: string[]) => {
      only = only === undefined ? ids : only.filter((id) => ids.includes(id));
    };
    if (actor.role === Role.Staff && actor.townshipCode !== null) {
      narrow(
        await this.profiles.idsWhere({
          townshipOrCommissioner: { townshipCode: actor.townshipCode, userId: actor.id },
        }),
      );
    }
    if (q.mine) narrow(await this.profiles.idsWhere({ commissionerUserId: actor.id }));
    if (q.townshipCode) narrow(await this.profiles.idsWhere({ townshipCode: q.townshipCode }));
    if (q.isKey === true) narrow(await this.profiles.idsWhere({ isKey: true }));
    // Not key: every enterprise but the key ones (those without a profile included).
    const except = q.isKey === false ? await this.profiles.idsWhere({ isKey: true }) : undefined;
    const page = await this.organisations.page(
      { kind: 'enterprise', onlyIds: only, exceptIds: except, q: q.q },
      q.limit,
      q.offset,
    );
    const profiles = await this.profiles.byIds(page.items.map((o) => o.id));
    return { items: page.items.map((o) => view(o, profiles.get(o.id))), total: page.total };
  }

  async getForActor(actor: AuthUser, id: string): Promise<EnterpriseView> {
    const facts = await this.facts([id]);
    const f = facts.get(id);
    if (!f || !canManage(actor, f)) throw DomainError.notFound('Enterprise');
    return this.load(id);
  }

  /** Staff mark 重点企业 and assign the commissioner (must be a staff user). Audited. */
  async setKey(actor: AuthUser, id: string, dto: SetKeyEnterpriseDto): Promise<EnterpriseView> {
    await this.dataSource.transaction(async (m) => {
      const org = await this.organisations.get(id, m);
      if (org?.kind !== 'enterprise') throw DomainError.notFound('Enterprise');
      await this.profiles.ensure(m, id);
      const profile = (await this.profiles.byIds([id], m, true)).get(id);
      const scope = scopeOf(id, profile);
      if (!canManage(actor, scope)) throw DomainError.notFound('Enterprise');
      if (dto.commissionerUserId && (await this.users.roleOf(dto.commissionerUserId, m)) !== Role.Staff) {
        throw DomainError.invalid(
          'commissionerUserId',
          'must be a staff user',
          'enterprise.commissioner-not-staff',
        );
      }
      await this.profiles.setKey(m, id, dto.isKey, {
        set: dto.commissionerUserId !== undefined,
        userId: dto.commissionerUserId ?? null,
      });
      await this.audit.record(
        {
          actorId: actor.id,
          actorRole: actor.role,
          action: 'enterprise.set-key',
          targetType: 'enterprise',
          targetId: id,
          details: {
            ...(dto.isKey !== undefined && { isKey: dto.isKey }),
            ...(dto.commissionerUserId !== undefined && { commissionerUserId: dto.commissionerUserId }),
          },
          townshipCodes: [scope.townshipCode],
        },
        m,
      );
    });
    return this.load(id);
  }

  /** The access facts of an enterprise, or null when there is no such enterprise. */
  async scope(id: string, manager?: EntityManager): Promise<EnterpriseScope | null> {
    return (await this.facts([id], manager)).get(id) ?? null;
  }

  /** The facts of enterprises by id (missing ids are not enterprises). */
  async facts(ids: readonly string[], manager?: EntityManager): Promise<Map<string, EnterpriseFacts>> {
    const orgs = await this.organisations.byIds(ids, manager);
    const enterprises = [...orgs.values()].filter((o) => o.kind === 'enterprise');
    const profiles = await this.profiles.byIds(
      enterprises.map((o) => o.id),
      manager,
    );
    return new Map(enterprises.map((o) => [o.id, factsOf(o, profiles.get(o.id))]));
  }

  /**
   * The enterprises the actor manages, as ids, for other domains' lists: `all` for admins and
   * county-wide staff; a township station's own and those it is commissioner of; an employer's
   * own; nobody else's.
   */
  async idsManagedBy(actor: AuthUser): Promise<'all' | string[]> {
    if (actor.role === Role.Admin || (actor.role === Role.Staff && actor.townshipCode === null)) return 'all';
    if (actor.role === Role.Staff && actor.townshipCode !== null) {
      return this.profiles.idsWhere({
        townshipOrCommissioner: { townshipCode: actor.townshipCode, userId: actor.id },
      });
    }
    if (actor.role === Role.Employer && actor.organisationId) return [actor.organisationId];
    return [];
  }

  /** The enterprises a staff member is commissioner (人社服务专员) of. */
  idsCommissionedBy(userId: string): Promise<string[]> {
    return this.profiles.idsWhere({ commissionerUserId: userId });
  }

  private async load(id: string): Promise<EnterpriseView> {
    const org = await this.organisations.get(id);
    if (!org || org.kind !== 'enterprise') throw DomainError.notFound('Enterprise');
    return view(org, (await this.profiles.byIds([id])).get(id));
  }

  /** Writes the profile; a change of what the posts carry (size, industry) tells the posts. */
  private async writeProfile(
    m: EntityManager,
    organisationId: string,
    dto: EnterpriseProfileFields,
    existing = true,
  ): Promise<void> {
    const before = existing
      ? (await this.profiles.byIds([organisationId], m, true)).get(organisationId)
      : undefined;
    await this.profiles.write(m, organisationId, {
      size: dto.size,
      industry: dto.industry?.trim(),
      townshipCode: dto.townshipCode,
      address: dto.address?.trim(),
      contactName: dto.contactName?.trim(),
      contactPhone: dto.contactPhone,
    });
    const changed =
      (dto.size !== undefined && dto.size !== before?.size) ||
      (dto.industry !== undefined && dto.industry.trim() !== before?.industry);
    if (existing && changed) await this.outbox.add(m, JobName.EnterpriseChanged, { organisationId });
  }
}

/** Whether the actor may see and manage the enterprise (see the class comment). */
export function canManage(actor: AuthUser | null | undefined, e: EnterpriseScope): boolean {
  if (!actor) return false;
  if (actor.role === Role.Admin) return true;
  if (actor.role === Role.Staff) {
    return (
      actor.townshipCode === null ||
      (e.townshipCode !== null && e.townshipCode === actor.townshipCode) ||
      e.commissionerUserId === actor.id
    );
  }
  if (actor.role === Role.Employer) return actor.organisationId === e.organisationId;
  return false;
}

function scopeOf(id: string, p: EnterpriseProfileRow | undefined): EnterpriseScope {
  return {
    organisationId: id,
    townshipCode: p?.township_code ?? null,
    commissionerUserId: p?.commissioner_user_id ?? null,
  };
}

function factsOf(o: OrganisationSummary, p: EnterpriseProfileRow | undefined): EnterpriseFacts {
  return {
    ...scopeOf(o.id, p),
    name: o.name,
    creditCode: o.creditCode,
    size: p?.size ?? null,
    industry: p?.industry ?? null,
    isKey: p?.is_key ?? false,
  };
}

function assertTownship(code: string): void {
  if (!townshipByCode(code)) throw DomainError.invalid('townshipCode', 'no such township');
}

function view(o: OrganisationSummary, p: EnterpriseProfileRow | undefined): EnterpriseView {
  return {
    id: o.id,
    name: o.name,
    creditCode: o.creditCode,
    size: p?.size ?? null,
    industry: p?.industry ?? null,
    townshipCode: p?.township_code ?? null,
    address: p?.address ?? null,
    contactName: p?.contact_name ?? null,
    contactPhone: maskPhone(p?.contact_phone ?? null),
    isKey: p?.is_key ?? false,
    commissionerUserId: p?.commissioner_user_id ?? null,
    hasProfile: p !== undefined,
    createdAt: o.createdAt,
  };
}
