import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { UserDirectory } from '@app/identity';
import { AuthUser, CurrentUser, Public, Role, Roles, UuidParam } from '@app/platform';
import { distanceMetres, townshipByCode } from '@app/platform/geo';
import {
  AvailableWorkersView,
  GigRecords,
  GigSearchQuery,
  GigSearchResult,
  GigsService,
  NearMeQuery,
  NearMeResult,
  isoWeekday,
} from '@app/gigs';
import { GigSearchService, tradeFamily } from './gig-search.service';
import { ApiSearchBusyResponse } from './search-fallback';

/** Finding gigs (附近零工) and, for a gig, the workers free nearby. */
@ApiTags('gigs')
@ApiBearerAuth()
@Controller('api/v1/gigs')
export class GigSearchController {
  constructor(
    private readonly search: GigSearchService,
    private readonly records: GigRecords,
    private readonly gigs: GigsService,
    private readonly directory: UserDirectory,
  ) {}

  @Get('search')
  @Public()
  @ApiOkResponse({
    type: GigSearchResult,
    description: 'open gigs from today on; `degraded` when Postgres answered',
  })
  @ApiSearchBusyResponse()
  searchGigs(@Query() q: GigSearchQuery): Promise<GigSearchResult> {
    return this.search.searchGigs(q);
  }

  /** Today's (or tomorrow's) open gigs in the worker's trades, nearest to home first, then best paid. */
  @Get('near-me')
  @Roles(Role.Seeker)
  @ApiOkResponse({ type: NearMeResult })
  @ApiSearchBusyResponse()
  async nearMe(@CurrentUser() u: AuthUser, @Query() q: NearMeQuery): Promise<NearMeResult> {
    const date = GigSearchService.dayOf(q.date ?? 'today');
    const a = await this.records.availability(u.id);
    const townshipCode = a?.homeTownship ?? u.townshipCode ?? null;
    const mine = a?.active ? a : null;
    const trades = mine ? mine.trades : [];
    // A day the worker said they are not free: nothing to offer, and the page says why.
    const offDay = !!mine && !mine.weekdays.includes(isoWeekday(date));
    if (offDay)
      return {
        hits: [],
        total: 0,
        degraded: false,
        date,
        trades,
        townshipCode,
        hasAvailability: true,
        offDay,
      };
    const r = await this.search.searchGigs({
      date,
      trades,
      townshipCode: townshipCode ?? undefined,
      // Only the townships the worker can reach (their home among them).
      townshipCodes: mine?.townshipCodes.length ? mine.townshipCodes : undefined,
      limit: 50,
    });
    return { ...r, date, trades, townshipCode, hasAvailability: !!a, offDay };
  }

  @Get(':id/available-workers')
  @Roles(Role.Employer, Role.Agency, Role.Staff, Role.Admin, Role.Seeker)
  @ApiOkResponse({
    type: AvailableWorkersView,
    description: 'workers free that weekday in the trade, reaching the township, nearest first',
  })
  async availableWorkers(@CurrentUser() u: AuthUser, @Param() p: UuidParam): Promise<AvailableWorkersView> {
    const { gig, workers, standing } = await this.gigs.availableWorkers(u, p.id, tradeFamily);
    const names = await this.directory.summaries(workers.map((w) => w.workerUserId));
    const at = townshipByCode(gig.townshipCode);
    return {
      items: workers.map((w) => {
        const home = townshipByCode(w.homeTownship);
        const s = standing.get(w.workerUserId);
        return {
          workerUserId: w.workerUserId,
          name: names.get(w.workerUserId)?.displayName ?? '',
          homeTownship: w.homeTownship,
          distanceKm: at && home ? Math.round(distanceMetres(at, home) / 100) / 10 : 0,
          trades: w.trades,
          expectedPayFen: w.expectedPayFen,
          payUnit: w.payUnit,
          stars: s?.stars ?? 0,
          completedGigs: s?.completed ?? 0,
        };
      }),
    };
  }
}
