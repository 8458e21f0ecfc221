import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import type { ImportResult } from './import';

export class StartImportQuery {
  @ApiPropertyOptional({
    enum: ['true', 'false'],
    description: 'publish valid posts at once (else pending-review)',
  })
  @IsOptional()
  @IsIn(['true', 'false'])
  publish?: 'true' | 'false';
}

export class JobPostImportView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({
    enum: ['queued', 'running', 'done', 'failed'],
    description:
      'queued: stored, waiting for the worker; running: being imported (resumed after a worker restart)',
  })
  status: 'queued' | 'running' | 'done' | 'failed';
  @ApiProperty() fileName: string;
  @ApiProperty() publish: boolean;
  @ApiProperty({ description: 'data rows processed so far' }) rowsProcessed: number;
  @ApiProperty() imported: number;
  @ApiProperty() duplicates: number;
  @ApiProperty() rejected: number;
  @ApiProperty({ nullable: true, type: Number, description: 'of the file read, when known' }) percent:
    number | null;
  @ApiProperty({
    nullable: true,
    description:
      'when done: the contract JSON {imported, duplicates, rejected, errors:[{row, column, message}]}',
  })
  result: ImportResult | null;
  @ApiProperty({ nullable: true, type: String, description: 'why the file could not be read' }) error:
    string | null;
  @ApiProperty() createdAt: string;
  @ApiProperty({ nullable: true, type: String }) startedAt: string | null;
  @ApiProperty({ nullable: true, type: String }) finishedAt: string | null;
}
