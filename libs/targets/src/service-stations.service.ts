import { Injectable } from '@nestjs/common';
import { DataSource, QueryFailedError } from 'typeorm';
import { AuditService } from '@app/audit';
import { AuthUser, DomainError, Role, townshipByCode } from '@app/platform';
import {
  NewStation,
  ServiceStationRepository,
  StationChange,
  StationRecord,
} from './service-station.repository';

const uniqueViolation = (err: unknown): string | null =>
  err instanceof QueryFailedError && (err as { code?: string }).code === '23505'
    ? ((err as { constraint?: string }).constraint ?? '')
    : null;

/** Township staff look after their own township's stations; county staff and admins after all. */
const inScope = (actor: AuthUser, townshipCode: string): boolean =>
  actor.role !== Role.Staff || actor.townshipCode === null || actor.townshipCode === townshipCode;

/** Employment service stations (就业服务站, 三(十五)): staff keep the list and each station's trained staff. */
@Injectable()
export class ServiceStations {
  constructor(
    private readonly dataSource: DataSource,
    private readonly repo: ServiceStationRepository,
    private readonly audit: AuditService,
  ) {}

  list(): Promise<StationRecord[]> {
    return this.repo.list();
  }

  async create(actor: AuthUser, s: NewStation, requestId?: string): Promise<StationRecord> {
    if (!townshipByCode(s.townshipCode)) throw DomainError.invalid('townshipCode', 'unknown township code');
    if (!inScope(actor, s.townshipCode))
      throw DomainError.invalid('townshipCode', 'township staff keep the stations of their own township');
    return this.write(async (m) => {
      const id = await this.repo.insert(m, s, actor.id);
      await this.audit.record(
        {
          actorId: actor.id,
          actorRole: actor.role,
          action: 'service-station.create',
          targetType: 'service-station',
          targetId: id,
          requestId,
          details: { name: s.name, kind: s.kind, trainedStaff: s.trainedStaff },
          townshipCodes: [s.townshipCode],
        },
        m,
      );
      return id;
    });
  }

  async update(actor: AuthUser, id: string, c: StationChange, requestId?: string): Promise<StationRecord> {
    return this.write(async (m) => {
      const before = await this.repo.get(id, m, true);
      if (!before || !inScope(actor, before.townshipCode)) throw DomainError.notFound('Service station');
      const openedOn = c.openedOn ?? before.openedOn;
      if (c.closedOn && c.closedOn < openedOn)
        throw DomainError.invalid('closedOn', 'closedOn must not be before openedOn');
      if (c.openedOn && before.closedOn && before.closedOn < c.openedOn)
        throw DomainError.invalid('openedOn', 'openedOn must not be after closedOn');
      await this.repo.update(m, id, c);
      await this.audit.record(
        {
          actorId: actor.id,
          actorRole: actor.role,
          action: 'service-station.update',
          targetType: 'service-station',
          targetId: id,
          requestId,
          details: { ...c },
          townshipCodes: [before.townshipCode],
        },
        m,
      );
      return id;
    });
  }

  private async write(fn: (m: import('typeorm').EntityManager) => Promise<string>): Promise<StationRecord> {
    try {
      const id = await this.dataSource.transaction(fn);
      return (await this.repo.get(id)) as StationRecord;
    } catch (err) {
      const c = uniqueViolation(err);
      if (c === 'service_stations_one_per_township')
        throw DomainError.conflict('station-exists', 'The township has a township station already');
      if (c !== null) throw DomainError.conflict('station-name-taken', 'A station of this name exists');
      throw err;
    }
  }
}
