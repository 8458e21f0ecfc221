import { Controller, Get, Param, Query } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { UuidParam, AuthUser, CurrentUser, Role, Roles } from '@app/platform';
import { MATCH_LIMIT_DEFAULT, MatchLimitQuery, PostCandidatesView, SeekerMatchesView } from './matching.dto';
import { MatchingService } from './matching.service';
import { ApiSearchBusyResponse } from './search-fallback';

/**
 * Matching (人岗匹配). `GET /api/v1/job-posts/:id/candidates` has two segments after job-posts, so
 * neither `GET /job-posts/:id` nor `/job-posts/search` can take it; the imports controller's
 * `/job-posts/imports/:id` is static in its first segment and wins only for `imports`.
 */
@ApiTags('matching')
@ApiBearerAuth()
@Controller('api/v1')
export class MatchingController {
  constructor(private readonly matching: MatchingService) {}

  @Get('seekers/me/matches')
  @Roles(Role.Seeker)
  @ApiOperation({
    summary: 'Posts that fit the signed-in seeker, best first, each with its score and reasons (Chinese)',
  })
  @ApiOkResponse({ type: SeekerMatchesView })
  @ApiSearchBusyResponse()
  @ApiNotFoundResponse({
    description: '`seeker-profile-missing`: fill in the profile first (PUT /seekers/me)',
  })
  @ApiUnauthorizedResponse({ description: 'not signed in' })
  @ApiForbiddenResponse({ description: 'not a seeker' })
  matches(@CurrentUser() user: AuthUser, @Query() q: MatchLimitQuery): Promise<SeekerMatchesView> {
    return this.matching.matchesForSeeker(user, q.limit ?? MATCH_LIMIT_DEFAULT);
  }

  @Get('job-posts/:id/candidates')
  @Roles(Role.Employer, Role.Staff, Role.Admin)
  @ApiOperation({
    summary: 'Consenting seekers who fit a post, for its employer and the staff who look after it',
    description:
      'Only seekers who agreed to be found; no name, ID number or phone. Reasons include the employer’s ' +
      'likely subsidy for the hire when the policy engine finds one eligible.',
  })
  @ApiOkResponse({ type: PostCandidatesView })
  @ApiSearchBusyResponse()
  @ApiNotFoundResponse({ description: 'no such post, or not one the caller manages' })
  @ApiUnauthorizedResponse({ description: 'not signed in' })
  @ApiForbiddenResponse({ description: 'seekers and agencies' })
  candidates(
    @CurrentUser() user: AuthUser,
    @Param() params: UuidParam,
    @Query() q: MatchLimitQuery,
  ): Promise<PostCandidatesView> {
    return this.matching.candidatesForPost(user, params.id, q.limit ?? MATCH_LIMIT_DEFAULT);
  }
}
