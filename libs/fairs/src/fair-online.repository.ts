import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';

export interface OnlineCounts {
  /** Visits to virtual booths: one per visitor, booth and day. */
  visits: number;
  /** Distinct visitors (signed-in seekers and anonymous browsers). */
  visitors: number;
  /** Applications sent from a booth. */
  applications: number;
}

/** `fair_online_visits` and `fair_online_applications` (fairs'): the only place their SQL is written. */
@Injectable()
export class FairOnlineRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Records a visit; false when this visitor was at this booth today already. */
  async visit(v: {
    fairId: string;
    registrationId: string;
    visitorKey: string;
    seekerUserId: string | null;
    on: string;
  }): Promise<boolean> {
    const rows: unknown[] = await this.dataSource.query(
      `INSERT INTO fair_online_visits (fair_id, registration_id, visitor_key, seeker_user_id, visited_on)
       VALUES ($1, $2, $3, $4, $5::date) ON CONFLICT DO NOTHING RETURNING 1`,
      [v.fairId, v.registrationId, v.visitorKey, v.seekerUserId, v.on],
    );
    return rows.length === 1;
  }

  async insertApplication(
    m: EntityManager,
    a: { applicationId: string; fairId: string; registrationId: string },
  ) {
    await m.query(
      `INSERT INTO fair_online_applications (application_id, fair_id, registration_id) VALUES ($1, $2, $3)`,
      [a.applicationId, a.fairId, a.registrationId],
    );
  }

  /** Per booth (registration id) of a fair: visits and applications. */
  async perBooth(fairId: string): Promise<Map<string, { visits: number; applications: number }>> {
    const rows: { registration_id: string; visits: number; applications: number }[] =
      await this.dataSource.query(
        `SELECT registration_id, sum(visits)::int AS visits, sum(applications)::int AS applications FROM (
         SELECT registration_id, count(*) AS visits, 0 AS applications FROM fair_online_visits WHERE fair_id = $1
          GROUP BY registration_id
         UNION ALL
         SELECT registration_id, 0, count(*) FROM fair_online_applications WHERE fair_id = $1 GROUP BY registration_id
       ) x GROUP BY registration_id`,
        [fairId],
      );
    return new Map(rows.map((r) => [r.registration_id, { visits: r.visits, applications: r.applications }]));
  }

  async counts(fairId: string): Promise<OnlineCounts> {
    const [row]: { visits: number; visitors: number; applications: number }[] = await this.dataSource.query(
      `SELECT (SELECT count(*)::int FROM fair_online_visits WHERE fair_id = $1) AS visits,
              (SELECT count(DISTINCT visitor_key)::int FROM fair_online_visits WHERE fair_id = $1) AS visitors,
              (SELECT count(*)::int FROM fair_online_applications WHERE fair_id = $1) AS applications`,
      [fairId],
    );
    return row;
  }
}
