import { Injectable } from '@nestjs/common';
import { HealthIndicatorResult, HealthIndicatorService } from '@nestjs/terminus';
import { SearchClient } from './search-client.module';

@Injectable()
export class SearchHealthIndicator {
  constructor(
    private readonly search: SearchClient,
    private readonly indicator: HealthIndicatorService,
  ) {}

  async check(key = 'search'): Promise<HealthIndicatorResult> {
    const session = this.indicator.check(key);
    try {
      const health = await this.search.client.health();
      return health.status === 'available'
        ? session.up()
        : session.down({ message: `status ${health.status}` });
    } catch (err) {
      return session.down({ message: (err as Error).message });
    }
  }
}
