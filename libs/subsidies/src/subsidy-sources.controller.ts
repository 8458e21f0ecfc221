import { Body, Controller, Get, HttpCode, Param, Query, Req, StreamableFile } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiConsumes,
  ApiProduces,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiTags,
} from '@nestjs/swagger';
import { PlacementListView, PlacementView } from '@app/applications';
import { requestIdOf } from '@app/audit';
import type { FastifyRequest } from 'fastify';
import '@fastify/multipart';
import {
  AuthUser,
  CurrentUser,
  DomainError,
  Public,
  Role,
  Roles,
  UuidParam,
  IdempotentPost,
} from '@app/platform';
import { ImportCertificates } from './certificate-import';
import { certificateSheetTemplate } from './certificate-sheet';
import {
  BusinessListView,
  BusinessView,
  CertificateImportView,
  CertificateListView,
  SkillCertificateView,
  InsuranceYearListView,
  InsuranceYearView,
  RecordBusinessDto,
  RecordCertificateDto,
  RecordInsuranceYearDto,
  RecordPublicWelfareAssignmentDto,
  SourceListQuery,
} from './subsidy-source.dto';
import { RecordSubsidySources } from './subsidy-sources.service';

const page = (q: SourceListQuery) => ({
  townshipCode: q.townshipCode,
  limit: q.limit ?? 20,
  offset: q.offset ?? 0,
});

/** 职业资格证书: recorded by staff; the skill-upgrade subsidy follows without anyone applying. */
@ApiTags('subsidy-sources')
@ApiBearerAuth()
@Controller('api/v1/skill-certificates')
export class SkillCertificatesController {
  constructor(
    private readonly sources: RecordSubsidySources,
    private readonly importer: ImportCertificates,
  ) {}

  @IdempotentPost()
  @HttpCode(201)
  @Roles(Role.Staff)
  @ApiCreatedResponse({ type: SkillCertificateView })
  @ApiConflictResponse({ description: 'this certificate is recorded already' })
  record(
    @CurrentUser() u: AuthUser,
    @Body() b: RecordCertificateDto,
    @Req() req: unknown,
  ): Promise<SkillCertificateView> {
    return this.sources.recordCertificate(u, b, requestIdOf(req));
  }

  /**
   * 职业资格证书登记表: a multipart `.xlsx` / `.csv` upload, one certificate a row, people by ID
   * number. All rows or none (a 400 names each `rows[N].列名`); certificates recorded before are
   * reported and skipped.
   */
  @IdempotentPost('import')
  @HttpCode(201)
  @Roles(Role.Staff)
  @ApiConsumes('multipart/form-data')
  @ApiCreatedResponse({ type: CertificateImportView })
  @ApiBadRequestResponse({
    description: 'an unreadable sheet (`file`) or wrong rows (`rows[N].列名`); nothing recorded',
  })
  async importSheet(@CurrentUser() u: AuthUser, @Req() req: FastifyRequest): Promise<CertificateImportView> {
    if (typeof req.isMultipart !== 'function' || !req.isMultipart()) {
      throw new DomainError('import.not-multipart', 'Upload the sheet as multipart/form-data', 415);
    }
    const file = await req.file();
    if (!file) throw DomainError.invalid('file', 'no file in the upload');
    const report = await this.importer.run(u, file.file, file.filename || 'upload', requestIdOf(req));
    if ((file.file as { truncated?: boolean }).truncated)
      throw DomainError.invalid('file', 'larger than the upload limit');
    return report;
  }

  /** The blank 职业资格证书登记表 with an example row. */
  @Get('import/template.csv')
  @Public()
  @ApiProduces('text/csv')
  template(): StreamableFile {
    return new StreamableFile(Buffer.from(certificateSheetTemplate(), 'utf8'), {
      type: 'text/csv; charset=utf-8',
      disposition: `attachment; filename="certificate-template.csv"; filename*=UTF-8''${encodeURIComponent('职业资格证书登记表.csv')}`,
    });
  }

  @Get()
  @Roles(Role.Staff, Role.Admin, Role.Seeker)
  @ApiOkResponse({ type: CertificateListView })
  list(@CurrentUser() u: AuthUser, @Query() q: SourceListQuery): Promise<CertificateListView> {
    return this.sources.certificates(u, page(q));
  }

  @Get(':id')
  @Roles(Role.Staff, Role.Admin, Role.Seeker)
  @ApiOkResponse({ type: SkillCertificateView })
  get(@CurrentUser() u: AuthUser, @Param() p: UuidParam): Promise<SkillCertificateView> {
    return this.sources.certificate(u, p.id);
  }
}

/** 创业实体: recorded by staff; startup subsidies follow as their time comes. */
@ApiTags('subsidy-sources')
@ApiBearerAuth()
@Controller('api/v1/startup-businesses')
export class StartupBusinessesController {
  constructor(private readonly sources: RecordSubsidySources) {}

  @IdempotentPost()
  @HttpCode(201)
  @Roles(Role.Staff)
  @ApiCreatedResponse({ type: BusinessView })
  record(
    @CurrentUser() u: AuthUser,
    @Body() b: RecordBusinessDto,
    @Req() req: unknown,
  ): Promise<BusinessView> {
    return this.sources.recordBusiness(u, b, requestIdOf(req));
  }

  @Get()
  @Roles(Role.Staff, Role.Admin, Role.Seeker)
  @ApiOkResponse({ type: BusinessListView })
  list(@CurrentUser() u: AuthUser, @Query() q: SourceListQuery): Promise<BusinessListView> {
    return this.sources.businesses(u, page(q));
  }

  @Get(':id')
  @Roles(Role.Staff, Role.Admin, Role.Seeker)
  @ApiOkResponse({ type: BusinessView })
  get(@CurrentUser() u: AuthUser, @Param() p: UuidParam): Promise<BusinessView> {
    return this.sources.business(u, p.id);
  }
}

/** 失业保险参保年度: recorded by staff; the job-retention refund (稳岗返还) follows. */
@ApiTags('subsidy-sources')
@ApiBearerAuth()
@Controller('api/v1/insurance-years')
export class InsuranceYearsController {
  constructor(private readonly sources: RecordSubsidySources) {}

  @IdempotentPost()
  @HttpCode(201)
  @Roles(Role.Staff)
  @ApiCreatedResponse({ type: InsuranceYearView })
  @ApiConflictResponse({ description: 'this employer’s year is recorded already' })
  record(
    @CurrentUser() u: AuthUser,
    @Body() b: RecordInsuranceYearDto,
    @Req() req: unknown,
  ): Promise<InsuranceYearView> {
    return this.sources.recordInsuranceYear(u, b, requestIdOf(req));
  }

  @Get()
  @Roles(Role.Staff, Role.Admin, Role.Employer)
  @ApiOkResponse({ type: InsuranceYearListView })
  list(@CurrentUser() u: AuthUser, @Query() q: SourceListQuery): Promise<InsuranceYearListView> {
    return this.sources.insuranceYears(u, page(q));
  }

  @Get(':id')
  @Roles(Role.Staff, Role.Admin, Role.Employer)
  @ApiOkResponse({ type: InsuranceYearView })
  get(@CurrentUser() u: AuthUser, @Param() p: UuidParam): Promise<InsuranceYearView> {
    return this.sources.insuranceYear(u, p.id);
  }
}

/** 公益性岗位安置: a placement on a public-welfare post; the monthly post subsidy follows. */
@ApiTags('subsidy-sources')
@ApiBearerAuth()
@Controller('api/v1/public-welfare-assignments')
export class PublicWelfareAssignmentsController {
  constructor(private readonly sources: RecordSubsidySources) {}

  @IdempotentPost()
  @HttpCode(201)
  @Roles(Role.Staff, Role.Admin)
  @ApiCreatedResponse({ type: PlacementView })
  record(
    @CurrentUser() u: AuthUser,
    @Body() b: RecordPublicWelfareAssignmentDto,
    @Req() req: unknown,
  ): Promise<PlacementView> {
    return this.sources.recordPublicWelfare(u, b, requestIdOf(req));
  }

  @Get()
  @Roles(Role.Staff, Role.Admin, Role.Employer, Role.Seeker)
  @ApiOkResponse({ type: PlacementListView })
  list(@CurrentUser() u: AuthUser, @Query() q: SourceListQuery): Promise<PlacementListView> {
    return this.sources.listPublicWelfare(u, q.limit ?? 20, q.offset ?? 0);
  }

  /** The placed seeker, the enterprise's users, the staff who look after it, admins. */
  @Get(':id')
  @Roles(Role.Staff, Role.Admin, Role.Employer, Role.Seeker)
  @ApiOkResponse({ type: PlacementView })
  @ApiNotFoundResponse({
    description: 'no such assignment (or a placement on another kind of post), or not yours',
  })
  get(@CurrentUser() u: AuthUser, @Param() p: UuidParam): Promise<PlacementView> {
    return this.sources.publicWelfare(u, p.id);
  }
}
