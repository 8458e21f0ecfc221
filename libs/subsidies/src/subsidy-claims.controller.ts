import { PassThrough } from 'node:stream';
import { Body, Controller, Get, HttpCode, Param, Query, Req, StreamableFile } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiConflictResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiProduces,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { requestIdOf } from '@app/audit';
import { AuthUser, CurrentUser, Role, Roles, UuidParam, IdempotentPost } from '@app/platform';
import { ClaimQueries } from './claim-queries';
import { ApproveClaim, PayClaims, RejectClaim } from './claim-review';
import { ExportRoster } from './roster';
import {
  ApproveClaimDto,
  ClaimListQuery,
  PayClaimsDto,
  PaymentBatchView,
  PlacementDecisionsView,
  RejectClaimDto,
  SubsidyClaimListView,
  SubsidyClaimView,
} from './subsidy-claim.dto';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const READERS = [Role.Staff, Role.Admin, Role.Employer, Role.Agency, Role.Seeker];

function attachment(asciiName: string, zhName: string): string {
  return `attachment; filename="${asciiName}"; filename*=UTF-8''${encodeURIComponent(zhName)}`;
}

/** Subsidy claims (contract: shared/contracts/subsidy-claims.md): filed by the worker, reviewed and paid by staff. */
@ApiTags('subsidy-claims')
@ApiBearerAuth()
@Controller('api/v1/subsidy-claims')
export class SubsidyClaimsController {
  constructor(
    private readonly queries: ClaimQueries,
    private readonly approveClaim: ApproveClaim,
    private readonly rejectClaim: RejectClaim,
    private readonly payClaims: PayClaims,
    private readonly roster: ExportRoster,
  ) {}

  /** Staff: their township's claims (county staff and admins all); others: the claims they are the beneficiary of. */
  @Get()
  @Roles(...READERS)
  @ApiOkResponse({ type: SubsidyClaimListView })
  list(@CurrentUser() user: AuthUser, @Query() q: ClaimListQuery): Promise<SubsidyClaimListView> {
    return this.queries.list(user, q);
  }

  /** 补贴发放花名册 as .xlsx: the list's filters; masked ID numbers, a totals row, a sheet of reasons. */
  @Get('roster.xlsx')
  @Roles(Role.Staff)
  @ApiProduces(XLSX)
  async rosterXlsx(@CurrentUser() user: AuthUser, @Query() q: ClaimListQuery): Promise<StreamableFile> {
    const sink = new PassThrough();
    const chunks: Buffer[] = [];
    sink.on('data', (c: Buffer) => chunks.push(c));
    await this.roster.xlsx(this.queries.scopeOf(user, q), sink);
    sink.end();
    return new StreamableFile(Buffer.concat(chunks), {
      type: XLSX,
      disposition: attachment('subsidy-roster.xlsx', '补贴发放花名册.xlsx'),
    });
  }

  /** The roster as CSV (UTF-8 with BOM). */
  @Get('roster.csv')
  @Roles(Role.Staff)
  @ApiProduces('text/csv')
  async rosterCsv(@CurrentUser() user: AuthUser, @Query() q: ClaimListQuery): Promise<StreamableFile> {
    return new StreamableFile(
      Buffer.from((await this.roster.csv(this.queries.scopeOf(user, q))).text, 'utf8'),
      {
        type: 'text/csv; charset=utf-8',
        disposition: attachment('subsidy-roster.csv', '补贴发放花名册.csv'),
      },
    );
  }

  /** Marks approved claims paid, as one batch with its reference. */
  @IdempotentPost('payments')
  @HttpCode(200)
  @Roles(Role.Staff)
  @ApiOkResponse({ type: PaymentBatchView })
  @ApiConflictResponse({
    description: 'a claim is pending or rejected (nothing changes), or the reference is another batch’s',
  })
  pay(
    @CurrentUser() user: AuthUser,
    @Body() body: PayClaimsDto,
    @Req() req: unknown,
  ): Promise<PaymentBatchView> {
    return this.payClaims.execute(user, body, requestIdOf(req));
  }

  @Get(':id')
  @Roles(...READERS)
  @ApiOkResponse({ type: SubsidyClaimView })
  @ApiNotFoundResponse({ description: 'no such claim, or not yours to see' })
  get(@CurrentUser() user: AuthUser, @Param() p: UuidParam): Promise<SubsidyClaimView> {
    return this.queries.get(user, p.id);
  }

  /** Approve, optionally lowering the amount (with a reason), never above it. */
  @IdempotentPost(':id/approve')
  @HttpCode(200)
  @Roles(Role.Staff)
  @ApiOkResponse({ type: SubsidyClaimView })
  @ApiUnprocessableEntityResponse({ description: 'amountFen above what the decision entitles' })
  @ApiConflictResponse({ description: 'the claim was rejected' })
  approve(
    @CurrentUser() user: AuthUser,
    @Param() p: UuidParam,
    @Body() body: ApproveClaimDto,
    @Req() req: unknown,
  ): Promise<SubsidyClaimView> {
    return this.approveClaim.execute(user, p.id, body, requestIdOf(req));
  }

  @IdempotentPost(':id/reject')
  @HttpCode(200)
  @Roles(Role.Staff)
  @ApiOkResponse({ type: SubsidyClaimView })
  @ApiConflictResponse({ description: 'the claim is approved or paid' })
  reject(
    @CurrentUser() user: AuthUser,
    @Param() p: UuidParam,
    @Body() body: RejectClaimDto,
    @Req() req: unknown,
  ): Promise<SubsidyClaimView> {
    return this.rejectClaim.execute(user, p.id, body.reason, requestIdOf(req));
  }
}

/** `GET /api/v1/placements/:id/decisions`: every decision for a placement ("why didn't I get it"). */
@ApiTags('subsidy-claims')
@ApiBearerAuth()
@Controller('api/v1/placements')
export class PlacementDecisionsController {
  constructor(private readonly queries: ClaimQueries) {}

  @Get(':id/decisions')
  @Roles(Role.Staff, Role.Admin, Role.Employer, Role.Seeker)
  @ApiOkResponse({ type: PlacementDecisionsView })
  @ApiNotFoundResponse({ description: 'no such placement, or not yours to see' })
  decisions(@CurrentUser() user: AuthUser, @Param() p: UuidParam): Promise<PlacementDecisionsView> {
    return this.queries.decisionsOfPlacement(user, p.id);
  }
}
