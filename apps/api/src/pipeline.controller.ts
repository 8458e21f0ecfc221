import { Body, Controller, Get, HttpCode, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiProperty, ApiTags } from '@nestjs/swagger';
import { IsString, Length, Matches } from 'class-validator';
import { PipelineCheckService, Role, Roles, IdempotentPost } from '@app/platform';

class PipelinePingRequest {
  @ApiProperty({ example: 'after redis restart', maxLength: 200 })
  @IsString()
  @Length(1, 200)
  note: string;
}

class PipelinePingResponse {
  @ApiProperty() outboxId: string;
  @ApiProperty({ nullable: true, type: String }) processedAt: string | null;
}

class OutboxIdParam {
  @IsString()
  @Matches(/^\d{1,18}$/, { message: 'outboxId must be a positive integer' })
  outboxId: string;
}

/** Admins check that the asynchronous pipeline (outbox → relay → queue → worker) works end to end. */
@ApiTags('admin')
@ApiBearerAuth()
@Controller('api/v1/admin/pipeline-checks')
export class PipelineController {
  constructor(private readonly pipeline: PipelineCheckService) {}

  @IdempotentPost()
  @HttpCode(201)
  @Roles(Role.Admin)
  @ApiCreatedResponse({ type: PipelinePingResponse })
  async ping(@Body() body: PipelinePingRequest): Promise<PipelinePingResponse> {
    const outboxId = await this.pipeline.ping(body.note);
    return { outboxId, processedAt: null };
  }

  @Get(':outboxId')
  @Roles(Role.Admin)
  @ApiOkResponse({ type: PipelinePingResponse })
  result(@Param() params: OutboxIdParam): Promise<PipelinePingResponse> {
    return this.pipeline.result(params.outboxId);
  }
}
