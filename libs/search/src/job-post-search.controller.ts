import { Controller, Get, Query, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { ApiBadRequestResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Public } from '@app/platform';
import { PublicThrottle } from '@app/identity';
import { JobPostSearchQuery, JobPostSearchResult } from './job-post-search.dto';
import { JobPostSearchService } from './job-post-search.service';
import { ApiSearchBusyResponse } from './search-fallback';

/**
 * `GET /api/v1/job-posts/search` (岗位搜索), public. Declared in SearchModule, which the API module
 * imports before JobsModule; Fastify's router also prefers the static `search` segment over `:id`.
 */
@ApiTags('search')
@Controller('api/v1/job-posts')
export class JobPostSearchController {
  constructor(private readonly searchService: JobPostSearchService) {}

  @Get('search')
  @Public()
  @PublicThrottle()
  @ApiOperation({
    summary: 'Search published job posts (no login)',
    description:
      'Chinese words, pinyin or initials, county synonyms (焊工 ↔ 电焊工); filters and facets. When the search ' +
      'index is unavailable the answer comes from the database with degraded: true.',
  })
  @ApiOkResponse({ type: JobPostSearchResult })
  @ApiBadRequestResponse({ description: 'a parameter out of range; error.fields names it' })
  @ApiSearchBusyResponse()
  async search(
    @Query() query: JobPostSearchQuery,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<Buffer> {
    // Sent as the service serialised it (and may have cached it): JobPostSearchResult as JSON.
    const body = await this.searchService.searchJobPostsJson(query);
    void reply.header('content-type', 'application/json; charset=utf-8');
    return body;
  }
}
