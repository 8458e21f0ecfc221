import { Body, Controller, Delete, Get, Headers, HttpCode, Param, Put, Query, Req } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiPropertyOptional,
  ApiTags,
} from '@nestjs/swagger';
import { IsOptional, IsUUID } from 'class-validator';
import { requestIdOf } from '@app/audit';
import { OptionalUserResolver } from '@app/identity';
import {
  AuthUser,
  CurrentUser,
  PageQuery,
  Public,
  Role,
  Roles,
  UuidParam,
  IdempotentPost,
} from '@app/platform';
import {
  AcceptInternDto,
  DemonstrationDto,
  EndInternDto,
  HostUnitListView,
  HostUnitView,
  InternListView,
  InternView,
  InternshipDetailsDto,
  InternshipDetailsView,
  InternshipProgressView,
  PutHostUnitDto,
  StartInternDto,
} from './internship.dto';
import { InternshipsService } from './internships.service';

const STAFF = [Role.Staff, Role.Admin] as const;
const HOSTS = [Role.Employer, Role.Staff, Role.Admin] as const;

class InternListQuery extends PageQuery {
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID('all', { message: 'jobPostId must be a UUID' })
  jobPostId?: string;
}

/** 就业见习: the gathering progress, host and demonstration units, internship details, interns. */
@ApiTags('internships')
@ApiBearerAuth()
@Controller('api/v1/internships')
export class InternshipsController {
  constructor(
    private readonly internships: InternshipsService,
    private readonly optionalUser: OptionalUserResolver,
  ) {}

  @Get('progress')
  @Public()
  @ApiOkResponse({
    type: InternshipProgressView,
    description: 'published internship posts toward the target of 80',
  })
  progress(): Promise<InternshipProgressView> {
    return this.internships.progress();
  }

  @Get('host-units')
  @Public()
  @ApiOkResponse({ type: HostUnitListView, description: '见习单位 and 见习示范单位 (names only)' })
  hostUnits(): Promise<HostUnitListView> {
    return this.internships.hostUnits();
  }

  @Put('host-units/:id')
  @Roles(...STAFF)
  @ApiOkResponse({
    type: HostUnitView,
    description: 'designates an enterprise (id: its organisation) as a host unit',
  })
  putHostUnit(
    @CurrentUser() u: AuthUser,
    @Param() p: UuidParam,
    @Body() b: PutHostUnitDto,
    @Req() req: unknown,
  ): Promise<HostUnitView> {
    return this.internships.putHostUnit(u, p.id, b, requestIdOf(req) ?? undefined);
  }

  @Put('host-units/:id/demonstration')
  @Roles(...STAFF)
  @ApiOkResponse({ type: HostUnitView, description: '见习示范单位, with the designation date and reason' })
  designate(
    @CurrentUser() u: AuthUser,
    @Param() p: UuidParam,
    @Body() b: DemonstrationDto,
    @Req() req: unknown,
  ): Promise<HostUnitView> {
    return this.internships.setDemonstration(u, p.id, b, requestIdOf(req) ?? undefined);
  }

  @Delete('host-units/:id/demonstration')
  @Roles(...STAFF)
  @ApiOkResponse({ type: HostUnitView, description: 'the demonstration designation withdrawn' })
  withdraw(@CurrentUser() u: AuthUser, @Param() p: UuidParam, @Req() req: unknown): Promise<HostUnitView> {
    return this.internships.setDemonstration(u, p.id, null, requestIdOf(req) ?? undefined);
  }

  @Put('posts/:id/details')
  @Roles(...HOSTS)
  @ApiOkResponse({
    type: InternshipDetailsView,
    description: 'duration 3–12 months, monthly stipend, places, mentor',
  })
  putDetails(
    @CurrentUser() u: AuthUser,
    @Param() p: UuidParam,
    @Body() b: InternshipDetailsDto,
  ): Promise<InternshipDetailsView> {
    return this.internships.putDetails(u, p.id, b);
  }

  @Get('posts/:id/details')
  @Public()
  @ApiOkResponse({ type: InternshipDetailsView, description: 'public for a published post, as the post is' })
  async details(@Param() p: UuidParam, @Headers('authorization') auth: string | undefined) {
    return this.internships.details(await this.optionalUser.resolve(auth), p.id);
  }

  @Get('interns')
  @Roles(Role.Seeker, ...HOSTS)
  @ApiOkResponse({
    type: InternListView,
    description: 'host units: theirs; staff: those they manage; seekers: their own',
  })
  interns(@CurrentUser() u: AuthUser, @Query() q: InternListQuery): Promise<InternListView> {
    return this.internships.list(u, { jobPostId: q.jobPostId, limit: q.limit ?? 20, offset: q.offset ?? 0 });
  }

  @IdempotentPost('interns')
  @Roles(...HOSTS)
  @ApiCreatedResponse({
    type: InternView,
    description: '录取: an open application to an internship post becomes an intern',
  })
  accept(@CurrentUser() u: AuthUser, @Body() b: AcceptInternDto, @Req() req: unknown): Promise<InternView> {
    return this.internships.accept(u, b.applicationId, requestIdOf(req) ?? undefined);
  }

  @IdempotentPost('interns/:id/start')
  @HttpCode(200)
  @Roles(...HOSTS)
  @ApiOkResponse({ type: InternView })
  start(@CurrentUser() u: AuthUser, @Param() p: UuidParam, @Body() b: StartInternDto): Promise<InternView> {
    return this.internships.start(u, p.id, b.startDate);
  }

  @IdempotentPost('interns/:id/end')
  @HttpCode(200)
  @Roles(...HOSTS)
  @ApiOkResponse({ type: InternView, description: 'the end and the outcome: kept on, hired elsewhere, left' })
  end(@CurrentUser() u: AuthUser, @Param() p: UuidParam, @Body() b: EndInternDto): Promise<InternView> {
    return this.internships.end(u, p.id, b);
  }
}
