import { Body, Controller, Get, Param, Patch, Query, Req, Res, StreamableFile } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import { requestIdOf } from '@app/audit';
import { PublicThrottle } from '@app/identity';
import {
  AuthUser,
  CurrentUser,
  Public,
  Role,
  Roles,
  UuidParam,
  townshipByCode,
  IdempotentPost,
} from '@app/platform';
import { todayInChina } from '@app/platform/validation';
import { MonthlyReport } from './monthly-report';
import { reportHtml, reportWorkbook } from './monthly-report.render';
import { PlanTargets } from './plan-targets.service';
import type { StationRecord } from './service-station.repository';
import { ServiceStations } from './service-stations.service';
import { STATION_KIND_NAMES } from './station.rules';
import {
  CreateStationDto,
  DifficultPersonsView,
  MonthlyReportQuery,
  MonthlyReportView,
  StationListView,
  StationView,
  TargetRecordsQuery,
  TargetRecordsView,
  TargetsQuery,
  TargetsView,
  UpdateStationDto,
  ZeroEmploymentFamiliesView,
} from './targets.dto';

const STAFF = [Role.Staff, Role.Admin] as const;
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const thisYear = (): number => Number(todayInChina().slice(0, 4));

/** Township staff see the people of their own township; county staff and admins all of them. */
const townshipOf = (u: AuthUser): string | null => (u.role === Role.Staff ? u.townshipCode : null);

interface HeaderReply {
  header(name: string, value: string): unknown;
}

function stationView(s: StationRecord): StationView {
  return {
    id: s.id,
    name: s.name,
    kind: s.kind,
    kindName: STATION_KIND_NAMES[s.kind],
    townshipCode: s.townshipCode,
    township: townshipByCode(s.townshipCode)?.name ?? s.townshipCode,
    address: s.address,
    trainedStaff: s.trainedStaff,
    openedOn: s.openedOn,
    contact: s.contact,
    closedOn: s.closedOn,
  };
}

/**
 * The plan's targets (目标任务, table B): public figures with no personal data; for staff the
 * records behind each figure, the 零就业家庭 and 就业困难人员 lists, and the monthly report.
 */
@ApiTags('targets')
@ApiBearerAuth()
@Controller('api/v1/targets')
export class TargetsController {
  constructor(
    private readonly targets: PlanTargets,
    private readonly report: MonthlyReport,
  ) {}

  @Get()
  @Public()
  @PublicThrottle()
  @ApiOkResponse({ type: TargetsView })
  @ApiNotFoundResponse({ description: 'no policy pack sets or carries targets for the year' })
  @ApiBadRequestResponse()
  figures(@Query() q: TargetsQuery): Promise<TargetsView> {
    return this.targets.figures(q.year ?? thisYear(), q.asOf);
  }

  @Get('zero-employment-families')
  @Roles(...STAFF)
  @ApiOkResponse({ type: ZeroEmploymentFamiliesView })
  zeroEmploymentFamilies(@CurrentUser() u: AuthUser): Promise<ZeroEmploymentFamiliesView> {
    return this.targets.zeroEmploymentFamilies(townshipOf(u));
  }

  @Get('difficult-persons')
  @Roles(...STAFF)
  @ApiOkResponse({ type: DifficultPersonsView })
  difficultPersons(@CurrentUser() u: AuthUser): Promise<DifficultPersonsView> {
    return this.targets.difficultPersons(townshipOf(u));
  }

  @Get('monthly-report')
  @Roles(...STAFF)
  @ApiOkResponse({ type: MonthlyReportView })
  @ApiBadRequestResponse()
  @ApiNotFoundResponse()
  monthlyReport(@Query() q: MonthlyReportQuery): Promise<MonthlyReportView> {
    return this.report.of(q.month);
  }

  @Get('monthly-report.xlsx')
  @Roles(...STAFF)
  @ApiProduces(XLSX)
  @ApiBadRequestResponse()
  async monthlyReportSheet(@Query() q: MonthlyReportQuery): Promise<StreamableFile> {
    const name = `月度就业工作报告-${q.month}.xlsx`;
    return new StreamableFile(await reportWorkbook(await this.report.of(q.month)), {
      type: XLSX,
      disposition: `attachment; filename="monthly-report-${q.month}.xlsx"; filename*=UTF-8''${encodeURIComponent(name)}`,
    });
  }

  @Get('monthly-report.html')
  @Roles(...STAFF)
  @ApiProduces('text/html')
  @ApiBadRequestResponse()
  async monthlyReportPage(
    @Query() q: MonthlyReportQuery,
    @Res({ passthrough: true }) reply: HeaderReply,
  ): Promise<string> {
    reply.header('content-type', 'text/html; charset=utf-8');
    // A page of its own: inline style only, nothing loaded, nothing run.
    reply.header('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'");
    return reportHtml(await this.report.of(q.month));
  }

  @Get(':targetId/records')
  @Roles(...STAFF)
  @ApiOkResponse({ type: TargetRecordsView })
  @ApiNotFoundResponse()
  @ApiBadRequestResponse()
  records(
    @CurrentUser() u: AuthUser,
    @Param('targetId') targetId: string,
    @Query() q: TargetRecordsQuery,
  ): Promise<TargetRecordsView> {
    return this.targets.records(targetId, q.year ?? thisYear(), q, townshipOf(u));
  }
}

/** 就业服务站 (三(十五)): the list is public (where to go); staff keep it. */
@ApiTags('targets')
@ApiBearerAuth()
@Controller('api/v1/service-stations')
export class ServiceStationsController {
  constructor(private readonly stations: ServiceStations) {}

  @Get()
  @Public()
  @PublicThrottle()
  @ApiOkResponse({ type: StationListView })
  async list(): Promise<StationListView> {
    return { items: (await this.stations.list()).map(stationView) };
  }

  @IdempotentPost()
  @Roles(...STAFF)
  @ApiCreatedResponse({ type: StationView })
  @ApiBadRequestResponse()
  @ApiConflictResponse({ description: 'a township station exists, or the name is taken' })
  async create(
    @CurrentUser() u: AuthUser,
    @Body() b: CreateStationDto,
    @Req() req: unknown,
  ): Promise<StationView> {
    const s = await this.stations.create(
      u,
      {
        name: b.name.trim(),
        kind: b.kind,
        townshipCode: b.townshipCode,
        address: b.address.trim(),
        trainedStaff: b.trainedStaff,
        openedOn: b.openedOn,
        contact: b.contact?.trim() || null,
      },
      requestIdOf(req) ?? undefined,
    );
    return stationView(s);
  }

  @Patch(':id')
  @Roles(...STAFF)
  @ApiOkResponse({ type: StationView })
  @ApiNotFoundResponse()
  @ApiBadRequestResponse()
  async update(
    @CurrentUser() u: AuthUser,
    @Param() p: UuidParam,
    @Body() b: UpdateStationDto,
    @Req() req: unknown,
  ): Promise<StationView> {
    const s = await this.stations.update(
      u,
      p.id,
      {
        name: b.name?.trim(),
        address: b.address?.trim(),
        trainedStaff: b.trainedStaff,
        openedOn: b.openedOn,
        contact: b.contact?.trim(),
        closedOn: b.closedOn,
      },
      requestIdOf(req) ?? undefined,
    );
    return stationView(s);
  }
}
