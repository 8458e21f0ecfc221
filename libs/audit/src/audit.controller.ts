import { Controller, Get, Query } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiForbiddenResponse,
  ApiOkResponse,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
// Imported by path, not through @app/identity's barrel: identity imports audit, not the reverse.
import { Role, Roles } from '../../identity/src/access.decorators';
import { AuditPageDto, AuditQueryDto } from './audit.dto';
import { AuditService } from './audit.service';

@ApiTags('audit')
@ApiBearerAuth()
@Controller('api/v1/audit')
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  /** The audit log, newest first, filtered by actor, action, target and time. */
  @Get()
  @Roles(Role.Staff, Role.Admin)
  @ApiOkResponse({ type: AuditPageDto })
  @ApiUnauthorizedResponse({ description: 'not signed in' })
  @ApiForbiddenResponse({ description: 'not staff or admin' })
  async list(@Query() query: AuditQueryDto): Promise<AuditPageDto> {
    const limit = query.limit ?? 50;
    const offset = query.offset ?? 0;
    const { items, total } = await this.audit.list({
      actorId: query.actor,
      action: query.action,
      targetType: query.targetType,
      targetId: query.targetId,
      from: query.from,
      to: query.to,
      limit,
      offset,
    });
    return { items, total, limit, offset };
  }
}
