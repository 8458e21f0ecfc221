import { Body, Controller, HttpCode } from '@nestjs/common';
import { ApiBearerAuth, ApiConflictResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Role, Roles, IdempotentPost } from '@app/platform';
import { ReconcileView, ReindexRequest, ReindexView } from './search-admin.dto';
import { SearchReconcileService } from './search-reconcile.service';
import { SearchReindexService } from './search-reindex.service';

/** Operators' search maintenance (admin only): rebuild with swap, reconcile with Postgres. */
@ApiTags('search')
@ApiBearerAuth()
@Controller('api/v1/search')
export class SearchAdminController {
  constructor(
    private readonly reindexer: SearchReindexService,
    private readonly reconciler: SearchReconcileService,
  ) {}

  /** Runs to the end (about a minute per 100,000 posts) and answers with what it did. */
  @IdempotentPost('reindex')
  @HttpCode(200)
  @Roles(Role.Admin)
  @ApiOkResponse({ type: ReindexView })
  @ApiConflictResponse({ description: 'a reindex is already running in this API process' })
  async reindex(@Body() body: ReindexRequest): Promise<ReindexView> {
    return { indexes: await this.reindexer.reindexAll(body?.indexes) };
  }

  /** Both indexes against Postgres, one after the other (what the worker does every ten minutes). */
  @IdempotentPost('reconcile')
  @HttpCode(200)
  @Roles(Role.Admin)
  @ApiOkResponse({ type: ReconcileView })
  async reconcile(): Promise<ReconcileView> {
    const jobPosts = await this.reconciler.reconcileJobPosts();
    return { jobPosts, seekers: await this.reconciler.reconcileSeekers() };
  }
}
