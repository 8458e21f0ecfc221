import { PassThrough } from 'node:stream';
import { Controller, Get, HttpCode, Param, Query, Req, StreamableFile } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiAcceptedResponse,
  ApiConsumes,
  ApiOkResponse,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import '@fastify/multipart';
import {
  DomainError,
  UuidParam,
  AuthUser,
  CurrentUser,
  Public,
  Role,
  Roles,
  IdempotentPost,
} from '@app/platform';
import { blankCsvTemplate, writeBlankTemplate } from './import';
import { JobPostImportView, StartImportQuery } from './job-post-upload.dto';
import { JobPostUploadService } from './job-post-upload.service';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

function attachment(asciiName: string, zhName: string): string {
  return `attachment; filename="${asciiName}"; filename*=UTF-8''${encodeURIComponent(zhName)}`;
}

/** 岗位信息采集表: blank templates, uploads (staff), progress and per-row results. */
@ApiTags('job-posts')
@ApiBearerAuth()
@Controller('api/v1/job-posts/imports')
export class JobPostImportController {
  constructor(private readonly uploads: JobPostUploadService) {}

  /** Multipart upload of one `.xlsx` / `.csv` file (field name free); the import runs in the background. */
  @IdempotentPost()
  @HttpCode(202)
  @Roles(Role.Staff, Role.Admin)
  @ApiConsumes('multipart/form-data')
  @ApiAcceptedResponse({
    type: JobPostImportView,
    description: 'stored; the worker imports it (poll GET /api/v1/job-posts/imports/:id for progress)',
  })
  async start(
    @CurrentUser() user: AuthUser,
    @Query() q: StartImportQuery,
    @Req() req: FastifyRequest,
  ): Promise<JobPostImportView> {
    if (typeof req.isMultipart !== 'function' || !req.isMultipart()) {
      throw new DomainError('import.not-multipart', 'Upload the sheet as multipart/form-data', 415);
    }
    const file = await req.file();
    if (!file) throw DomainError.invalid('file', 'no file in the upload');
    const publishField = file.fields.publish as { value?: unknown } | undefined;
    const publish = q.publish === 'true' || publishField?.value === 'true';
    return this.uploads.start(user, file.file, file.filename || 'upload', publish);
  }

  @Get('template.xlsx')
  @Public()
  @ApiProduces(XLSX)
  async templateXlsx(): Promise<StreamableFile> {
    const sink = new PassThrough();
    const chunks: Buffer[] = [];
    sink.on('data', (c: Buffer) => chunks.push(c));
    await writeBlankTemplate(sink);
    sink.end();
    return new StreamableFile(Buffer.concat(chunks), {
      type: XLSX,
      disposition: attachment('job-post-template.xlsx', '岗位信息采集表.xlsx'),
    });
  }

  @Get('template.csv')
  @Public()
  @ApiProduces('text/csv')
  templateCsv(): StreamableFile {
    return new StreamableFile(Buffer.from(blankCsvTemplate(), 'utf8'), {
      type: 'text/csv; charset=utf-8',
      disposition: attachment('job-post-template.csv', '岗位信息采集表.csv'),
    });
  }

  @Get(':id')
  @Roles(Role.Staff, Role.Admin)
  @ApiOkResponse({ type: JobPostImportView })
  get(@Param() params: UuidParam): Promise<JobPostImportView> {
    return this.uploads.get(params.id);
  }

  @Get(':id/result.csv')
  @Roles(Role.Staff, Role.Admin)
  @ApiProduces('text/csv')
  async result(@Param() params: UuidParam): Promise<StreamableFile> {
    return new StreamableFile(Buffer.from(await this.uploads.resultCsv(params.id), 'utf8'), {
      type: 'text/csv; charset=utf-8',
      disposition: attachment(`job-post-import-${params.id}.csv`, `导入结果-${params.id}.csv`),
    });
  }
}
