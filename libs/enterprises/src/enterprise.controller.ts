import { Body, Controller, Get, HttpCode, Param, Patch, Put, Query } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiTags,
} from '@nestjs/swagger';
import { UuidParam, AuthUser, CurrentUser, Role, Roles, IdempotentPost } from '@app/platform';
import {
  CreateEnterpriseDto,
  EnterpriseListView,
  EnterpriseView,
  ListEnterprisesQuery,
  SetKeyEnterpriseDto,
  UpsertMyEnterpriseDto,
} from './enterprise.dto';
import { EnterpriseService } from './enterprise.service';

/** Enterprises (用人单位): self-registration of the profile, staff registration, 重点企业 and commissioners. */
@ApiTags('enterprises')
@ApiBearerAuth()
@Controller('api/v1/enterprises')
export class EnterpriseController {
  constructor(private readonly enterprises: EnterpriseService) {}

  /** The employer's own enterprise profile, created on first call. */
  @Put('mine')
  @Roles(Role.Employer)
  @ApiOkResponse({ type: EnterpriseView })
  upsertMine(@CurrentUser() user: AuthUser, @Body() body: UpsertMyEnterpriseDto): Promise<EnterpriseView> {
    return this.enterprises.upsertMine(user, body);
  }

  @Get('mine')
  @Roles(Role.Employer)
  @ApiOkResponse({ type: EnterpriseView })
  mine(@CurrentUser() user: AuthUser): Promise<EnterpriseView> {
    return this.enterprises.getForActor(user, user.organisationId ?? '00000000-0000-0000-0000-000000000000');
  }

  @IdempotentPost()
  @HttpCode(201)
  @Roles(Role.Staff, Role.Admin)
  @ApiCreatedResponse({ type: EnterpriseView })
  @ApiConflictResponse({ description: 'the credit code is already registered' })
  create(@CurrentUser() user: AuthUser, @Body() body: CreateEnterpriseDto): Promise<EnterpriseView> {
    return this.enterprises.createByStaff(user, body);
  }

  /** County staff: all; township staff: their township's and those they are commissioner of. */
  @Get()
  @Roles(Role.Staff, Role.Admin)
  @ApiOkResponse({ type: EnterpriseListView })
  list(@CurrentUser() user: AuthUser, @Query() q: ListEnterprisesQuery): Promise<EnterpriseListView> {
    return this.enterprises.list(user, {
      q: q.q,
      townshipCode: q.townshipCode,
      isKey: q.isKey === undefined ? undefined : q.isKey === 'true',
      mine: q.mine === 'true',
      limit: q.limit ?? 20,
      offset: q.offset ?? 0,
    });
  }

  /** Every signed-in role may ask; only staff in scope, the commissioner and its own members get it (others 404). */
  @Get(':id')
  @Roles(Role.Seeker, Role.Employer, Role.Agency, Role.Staff, Role.Admin)
  @ApiOkResponse({ type: EnterpriseView })
  get(@CurrentUser() user: AuthUser, @Param() params: UuidParam): Promise<EnterpriseView> {
    return this.enterprises.getForActor(user, params.id);
  }

  @Patch(':id/key')
  @Roles(Role.Staff, Role.Admin)
  @ApiOkResponse({ type: EnterpriseView })
  setKey(
    @CurrentUser() user: AuthUser,
    @Param() params: UuidParam,
    @Body() body: SetKeyEnterpriseDto,
  ): Promise<EnterpriseView> {
    return this.enterprises.setKey(user, params.id, body);
  }
}
