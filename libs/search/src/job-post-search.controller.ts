import { Controller, Get, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Public, PublicThrottle } from '@app/identity';
import { JobPostSearchQuery, JobPostSearchResult } from './job-post-search.dto';
import { JobPostSearchService } from './job-post-search.service';

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
  search(@Query() query: JobPostSearchQuery): Promise<JobPostSearchResult> {
    return this.searchService.searchJobPosts(query);
  }
}
