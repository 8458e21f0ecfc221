import { Body, Controller, Get, HttpCode, Inject, Param } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBody,
  ApiExtraModels,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiTooManyRequestsResponse,
} from '@nestjs/swagger';
import { DomainError, Public, IdempotentPost } from '@app/platform';
import { PublicThrottle } from '@app/identity';
import {
  PolicyRegistry,
  describePack,
  evaluateMany,
  isErrorResult,
  situationJsonSchema,
  summarisePack,
} from '@app/subsidy-engine';
import { POLICY_REGISTRY } from './policy-registry.provider';

import {
  EvaluationResultView,
  PolicyDetailView,
  PolicyParamView,
  PolicySummaryView,
} from './policy-calculator.dto';

const situationSchema = situationJsonSchema() as Record<string, unknown>;

/**
 * The public policy calculator (政策计算器) and the policy packs as data, so that a citizen or an
 * auditor can see which measures apply, how much they pay and which clause says so.
 */
@ApiTags('policy calculator')
@ApiExtraModels(PolicyParamView)
@Controller('api/v1')
export class PolicyCalculatorController {
  constructor(@Inject(POLICY_REGISTRY) private readonly registry: PolicyRegistry) {}

  @IdempotentPost('subsidies/evaluate')
  @HttpCode(200)
  @Public()
  @PublicThrottle()
  @ApiOperation({
    summary: 'Evaluate a situation (or an array of them) against the policy',
    description:
      'The same pure function as `npm run subsidy:evaluate`. A single invalid situation → 400 naming the path; ' +
      'in an array, each invalid situation gets an error result in its place and the others are evaluated.',
  })
  @ApiBody({ schema: { oneOf: [situationSchema, { type: 'array', items: situationSchema, maxItems: 100 }] } })
  @ApiOkResponse({
    description: 'One result `{policy, decisions}`, or an array of results in input order',
    type: EvaluationResultView,
  })
  @ApiBadRequestResponse({ description: '`{error: {code, message, path, fields}}`' })
  @ApiTooManyRequestsResponse({ description: 'Too many requests from this address' })
  evaluate(@Body() body: unknown): unknown {
    if (Array.isArray(body) && body.length > 100) {
      throw DomainError.invalid('$', 'at most 100 situations per request', 'too-many-situations');
    }
    const result = evaluateMany(body, this.registry);
    if (!Array.isArray(result) && isErrorResult(result)) {
      const { code, message, path } = result.error;
      throw new DomainError(code, message, 400, [{ field: path, message }]);
    }
    return result;
  }

  @Get('policies')
  @Public()
  @PublicThrottle()
  @ApiOperation({ summary: 'The policy packs: id, version, document, region and window' })
  @ApiOkResponse({ description: 'Array of pack summaries', type: [PolicySummaryView] })
  list(): unknown {
    return this.registry.list().map(summarisePack);
  }

  @Get('policies/:id')
  @Public()
  @PublicThrottle()
  @ApiOperation({ summary: 'One pack: every measure with its clause, amounts, caps, windows and parameters' })
  @ApiOkResponse({ description: 'The pack as JSON', type: PolicyDetailView })
  @ApiNotFoundResponse({ description: 'No such pack' })
  get(@Param('id') id: string): unknown {
    const pack = this.registry.get(id);
    if (!pack) throw DomainError.notFound(`Policy pack ${id}`, 'policy-not-found');
    return describePack(pack);
  }
}
