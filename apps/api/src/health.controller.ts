import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckService, TypeOrmHealthIndicator } from '@nestjs/terminus';
import { RedisHealthIndicator, SearchHealthIndicator, Public } from '@app/platform';

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly db: TypeOrmHealthIndicator,
    private readonly redis: RedisHealthIndicator,
    private readonly search: SearchHealthIndicator,
  ) {}

  /** 200 with `{status:"ok", info:{database, redis, search}}` when all three answer; 503 naming the one that does not. */
  @Get()
  @Public()
  @HealthCheck()
  @ApiOkResponse({ description: 'database, redis and search all answer' })
  @ApiServiceUnavailableResponse({ description: 'names the service that does not answer' })
  check() {
    return this.health.check([
      () => this.db.pingCheck('database', { timeout: 2000 }),
      () => this.redis.check('redis'),
      () => this.search.check('search'),
    ]);
  }
}
