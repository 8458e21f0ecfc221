import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Role } from '@app/platform';
import { UserRepository } from './user.repository';

/** Who a user is, as other domains may show it: no personal data beyond the display name. */
export interface UserSummary {
  id: string;
  role: Role;
  displayName: string;
  townshipCode: string | null;
}

/**
 * The users as other domains see them: names to show beside records and roles to check (is this
 * a seeker, a staff member?). Holds no key and reads nothing encrypted, so the worker and the
 * command-line tools use it too.
 */
@Injectable()
export class UserDirectory {
  constructor(private readonly users: UserRepository) {}

  async summaries(ids: readonly string[], manager?: EntityManager): Promise<Map<string, UserSummary>> {
    return new Map((await this.users.summaries(ids, manager)).map((u) => [u.id, u]));
  }

  /** A user's role, or null when there is no such user. */
  roleOf(userId: string, manager?: EntityManager): Promise<Role | null> {
    return this.users.roleOf(userId, manager);
  }

  async isSeeker(userId: string, manager?: EntityManager): Promise<boolean> {
    return (await this.users.roleOf(userId, manager)) === Role.Seeker;
  }
}
