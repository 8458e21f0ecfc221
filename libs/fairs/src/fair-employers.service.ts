import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditService } from '@app/audit';
import { EnterpriseService } from '@app/enterprises';
import { JobPostService } from '@app/jobs';
import { NotificationService } from '@app/notifications';
import { AuthUser, DomainError, Role } from '@app/platform';
import { FairRepository } from './fair.repository';
import { EmployerRegistrationRecord, FairRegistrationRepository } from './fair-registration.repository';
import { assertWindow } from './fair.rules';

/**
 * Enterprises at a fair (参会企业): an employer registers for an open fair with the posts it
 * brings and the staff it sends; staff approve (a booth is assigned: the lowest free one, under
 * the fair's lock, so simultaneous approvals never share a booth nor give one enterprise two) or
 * reject with a reason; on the day staff record who came (no-shows counted). One active
 * registration per enterprise a fair.
 */
@Injectable()
export class FairEmployers {
  constructor(
    private readonly dataSource: DataSource,
    private readonly fairs: FairRepository,
    private readonly registrations: FairRegistrationRepository,
    private readonly enterprises: EnterpriseService,
    private readonly posts: JobPostService,
    private readonly notifications: NotificationService,
    private readonly audit: AuditService,
  ) {}

  async register(
    actor: AuthUser,
    fairId: string,
    r: { jobPostIds: string[]; staffNames: string[] },
  ): Promise<{ registration: EmployerRegistrationRecord; created: boolean }> {
    const employerId = actor.organisationId;
    if (actor.role !== Role.Employer || !employerId) throw DomainError.forbidden();
    const fair = await this.fairs.get(fairId);
    if (!fair || fair.status === 'draft' || fair.status === 'cancelled') throw DomainError.notFound('Fair');
    const existing = await this.registrations.activeOfEmployer(fairId, employerId);
    if (existing) return { registration: existing, created: false };
    assertWindow(
      fair.status,
      fair.employerRegistrationOpensAt,
      fair.employerRegistrationClosesAt,
      new Date(),
      'employer',
    );
    const posts = await this.posts.records([...new Set(r.jobPostIds)]);
    let places = 0;
    for (const [i, id] of r.jobPostIds.entries()) {
      const p = posts.get(id);
      if (!p || p.employerId !== employerId)
        throw DomainError.invalid(`jobPostIds[${i}]`, 'is not a post of your enterprise');
      if (p.status !== 'published') throw DomainError.invalid(`jobPostIds[${i}]`, 'is not published');
      places += p.headcount;
    }
    const id = await this.dataSource.transaction((m) =>
      this.registrations.insertEmployer(m, {
        fairId,
        employerOrganisationId: employerId,
        jobPostIds: [...new Set(r.jobPostIds)],
        places,
        staffNames: r.staffNames.map((s) => s.trim()).filter(Boolean),
        createdBy: actor.id,
      }),
    );
    if (!id) {
      // A simultaneous registration of the same enterprise won: answer that one.
      return {
        registration: (await this.registrations.activeOfEmployer(fairId, employerId))!,
        created: false,
      };
    }
    return { registration: (await this.registrations.employerRegistration(id))!, created: true };
  }

  /** Approve (a booth assigned) or reject (a reason required); deciding again the same way answers it unchanged. */
  async decide(
    actor: AuthUser,
    registrationId: string,
    d: { approve: boolean; reason?: string },
    requestId: string | null,
  ): Promise<EmployerRegistrationRecord> {
    const pre = await this.registrations.employerRegistration(registrationId);
    if (!pre) throw DomainError.notFound('Registration');
    await this.dataSource.transaction(async (m) => {
      // The fair first (every approval of the fair queues on it), then the registration.
      const fair = (await this.fairs.get(pre.fairId, m, true))!;
      const r = (await this.registrations.employerRegistration(registrationId, m, true))!;
      const wanted = d.approve ? 'approved' : 'rejected';
      if (r.status === wanted) return;
      if (r.status !== 'pending') {
        throw DomainError.conflict('fair.registration-decided', `This registration is ${r.status} already`);
      }
      if (!d.approve && !d.reason?.trim()) throw DomainError.invalid('reason', 'a rejection needs a reason');
      const boothNo = d.approve ? await this.registrations.freeBooth(m, fair.id, fair.boothCount) : null;
      if (d.approve && boothNo === null) {
        throw DomainError.conflict(
          'fair.no-booth-left',
          `All ${fair.boothCount} booths of this fair are taken`,
        );
      }
      await this.registrations.decideEmployer(m, r.id, {
        status: wanted,
        boothNo,
        reason: d.reason?.trim() || null,
        by: actor.id,
      });
      await this.notifications.notify(m, [
        {
          toOrganisationId: r.employerOrganisationId,
          kind: `fair.employer-${wanted}`,
          title: d.approve ? `参会申请已通过：${fair.title}` : `参会申请未通过：${fair.title}`,
          body: d.approve
            ? `您单位参加「${fair.title}」的申请已通过，展位号 ${boothNo}。`
            : `您单位参加「${fair.title}」的申请未通过。原因：${d.reason?.trim()}`,
          subjectType: 'fair-employer-registration',
          subjectId: r.id,
          dedupeKey: `fair-employer-registration:${r.id}:${wanted}`,
        },
      ]);
      await this.audit.record(
        {
          actorId: actor.id,
          actorRole: actor.role,
          action: `fair.employer-${wanted}`,
          targetType: 'fair-employer-registration',
          targetId: r.id,
          requestId,
          details: { fairId: fair.id, boothNo, reason: d.reason?.trim() ?? null },
          townshipCodes: [fair.townshipCode],
        },
        m,
      );
    });
    return (await this.registrations.employerRegistration(registrationId))!;
  }

  async attendance(
    actor: AuthUser,
    registrationId: string,
    present: boolean,
  ): Promise<EmployerRegistrationRecord> {
    await this.dataSource.transaction(async (m) => {
      const r = await this.registrations.employerRegistration(registrationId, m, true);
      if (!r) throw DomainError.notFound('Registration');
      if (r.status !== 'approved')
        throw DomainError.conflict('fair.not-approved', 'Only an approved enterprise comes to a booth');
      await this.registrations.setEmployerAttendance(m, r.id, present ? 'present' : 'no-show');
    });
    return (await this.registrations.employerRegistration(registrationId))!;
  }

  /** Staff see every enterprise of the fair; an employer only its own registration. */
  async ofFair(actor: AuthUser, fairId: string): Promise<EmployerRegistrationRecord[]> {
    if (actor.role === Role.Employer) {
      return actor.organisationId
        ? this.registrations.employersOfFair(fairId, { employerIds: [actor.organisationId] })
        : [];
    }
    return this.registrations.employersOfFair(fairId);
  }

  async mine(actor: AuthUser): Promise<EmployerRegistrationRecord[]> {
    return actor.organisationId ? this.registrations.ofEmployer(actor.organisationId) : [];
  }

  /** Enterprise names for the views (the enterprise list lives in enterprises). */
  async names(ids: readonly string[]): Promise<Map<string, string>> {
    const facts = await this.enterprises.facts([...new Set(ids)]);
    return new Map([...facts].map(([id, f]) => [id, f.name]));
  }
}
