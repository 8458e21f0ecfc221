import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ApplicationService } from '@app/applications';
import { OrganisationsService } from '@app/identity';
import { JobPostService } from '@app/jobs';
import { AuthUser, DomainError, townshipByCode } from '@app/platform';
import { todayInChina } from '@app/platform/validation';
import { FairRecord, FairRepository } from './fair.repository';
import { FairOnlineRepository } from './fair-online.repository';
import { EmployerRegistrationRecord, FairRegistrationRepository } from './fair-registration.repository';

export interface OnlineBoothPost {
  id: string;
  title: string;
  occupation: string | null;
  headcount: number;
  wageMinFen: number | null;
  wageMaxFen: number | null;
  township: string | null;
  employmentType: string;
}

export interface OnlineBooth {
  registrationId: string;
  boothNo: number | null;
  employerName: string;
  posts: OnlineBoothPost[];
  visits: number;
  applications: number;
}

/** Statuses in which a fair's virtual booths are open to visitors and applications. */
const OPEN_ONLINE = new Set(['open', 'closed', 'held']);

/**
 * Online fairs (线上招聘会): each approved enterprise has a virtual booth with the posts it brought
 * (those still published); visitors are counted apart from attendance at the door, once per
 * visitor, booth and day; a seeker applies to a booth's post and the application is tied to the
 * fair in the same transaction. On-site fairs have no virtual booths.
 */
@Injectable()
export class FairOnlineBooths {
  constructor(
    private readonly dataSource: DataSource,
    private readonly fairs: FairRepository,
    private readonly registrations: FairRegistrationRepository,
    private readonly online: FairOnlineRepository,
    private readonly posts: JobPostService,
    private readonly organisations: OrganisationsService,
    private readonly applications: ApplicationService,
  ) {}

  async booths(fairId: string): Promise<OnlineBooth[]> {
    const fair = await this.onlineFair(fairId, false);
    const regs = (await this.registrations.employersOfFair(fair.id)).filter((r) => r.status === 'approved');
    const [posts, orgs, counts] = await Promise.all([
      this.posts.publishedRecords([...new Set(regs.flatMap((r) => r.jobPostIds))]),
      this.organisations.byIds(regs.map((r) => r.employerOrganisationId)),
      this.online.perBooth(fair.id),
    ]);
    const byId = new Map(posts.map((p) => [p.id, p]));
    return regs.map((r) => ({
      registrationId: r.id,
      boothNo: r.boothNo,
      employerName: orgs.get(r.employerOrganisationId)?.name ?? '',
      posts: r.jobPostIds.flatMap((id) => {
        const p = byId.get(id);
        return p
          ? [
              {
                id: p.id,
                title: p.title,
                occupation: p.occupation,
                headcount: p.headcount,
                wageMinFen: p.wageMinFen,
                wageMaxFen: p.wageMaxFen,
                township: p.townshipCode ? (townshipByCode(p.townshipCode)?.name ?? null) : null,
                employmentType: p.employmentType,
              },
            ]
          : [];
      }),
      visits: counts.get(r.id)?.visits ?? 0,
      applications: counts.get(r.id)?.applications ?? 0,
    }));
  }

  /** One visit to a booth: `true` the first time today for this visitor, `false` a repeat. */
  async visit(
    fairId: string,
    registrationId: string,
    actor: AuthUser | null,
    visitorKey?: string,
  ): Promise<boolean> {
    const fair = await this.onlineFair(fairId, true);
    await this.booth(fair, registrationId);
    const key = actor ? `user:${actor.id}` : visitorKey;
    if (!key)
      throw DomainError.invalid('visitorKey', 'a visitor not signed in sends their browser’s visitorKey');
    return this.online.visit({
      fairId: fair.id,
      registrationId,
      visitorKey: key,
      seekerUserId: actor?.id ?? null,
      on: todayInChina(),
    });
  }

  /** A seeker applies to one of the booth's posts: the application and its fair in one transaction. */
  async apply(
    actor: AuthUser,
    fairId: string,
    registrationId: string,
    jobPostId: string,
    coverNote?: string,
  ): Promise<string> {
    const fair = await this.onlineFair(fairId, true);
    const reg = await this.booth(fair, registrationId);
    if (!reg.jobPostIds.includes(jobPostId))
      throw DomainError.invalid('jobPostId', 'this post is not at this booth');
    return this.dataSource.transaction(async (m) => {
      const applicationId = await this.applications.applyWithin(m, actor, jobPostId, coverNote);
      await this.online.insertApplication(m, { applicationId, fairId: fair.id, registrationId });
      return applicationId;
    });
  }

  private async onlineFair(fairId: string, open: boolean): Promise<FairRecord> {
    const fair = await this.fairs.get(fairId);
    if (!fair || fair.status === 'draft' || fair.status === 'cancelled') throw DomainError.notFound('Fair');
    if (fair.mode === 'onsite')
      throw DomainError.notFound('Online booths (this fair is on-site only)', 'not-online');
    if (open && !OPEN_ONLINE.has(fair.status))
      throw DomainError.conflict('fair-not-open', 'The fair’s online booths are closed');
    return fair;
  }

  private async booth(fair: FairRecord, registrationId: string): Promise<EmployerRegistrationRecord> {
    const reg = await this.registrations.employerRegistration(registrationId);
    if (!reg || reg.fairId !== fair.id || reg.status !== 'approved') throw DomainError.notFound('Booth');
    return reg;
  }
}
