import { Controller, Get, Query, Req } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiForbiddenResponse,
  ApiOkResponse,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { Role, Roles } from '@app/platform';
import { AuditPageDto, AuditQueryDto } from './audit.dto';
import { AuditService } from './audit.service';

/** The signed-in reader, as the access guard leaves it on the request. */
interface SignedInRequest {
  user?: { id: string; role: string; townshipCode: string | null };
}

@ApiTags('audit')
@ApiBearerAuth()
@Controller('api/v1/audit')
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  /**
   * The audit log, newest first, filtered by actor, action, target and time. Staff of a township
   * station read the entries concerning their township and their own; county staff and admins all.
   */
  @Get()
  @Roles(Role.Staff, Role.Admin)
  @ApiOkResponse({ type: AuditPageDto })
  @ApiUnauthorizedResponse({ description: 'not signed in' })
  @ApiForbiddenResponse({ description: 'not staff or admin' })
  async list(@Query() query: AuditQueryDto, @Req() req: SignedInRequest): Promise<AuditPageDto> {
    const reader = req.user;
    if (!reader) throw new Error('the access guard sets req.user on this route');
    const limit = query.limit ?? 50;
    const offset = query.offset ?? 0;
    const { items, total } = await this.audit.list({
      actorId: query.actor,
      action: query.action,
      targetType: query.targetType,
      targetId: query.targetId,
      from: query.from,
      to: query.to,
      townshipScope:
        reader.role === Role.Staff && reader.townshipCode
          ? { townshipCode: reader.townshipCode, readerId: reader.id }
          : undefined,
      limit,
      offset,
    });
    return { items, total, limit, offset };
  }
}
