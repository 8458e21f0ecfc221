import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsArray, IsOptional, IsString } from 'class-validator';

export class ReindexRequest {
  @ApiPropertyOptional({
    type: [String],
    description: 'Index names to rebuild (default: all), e.g. job-posts',
  })
  @IsOptional()
  @IsArray()
  @IsString({ each: true })
  indexes?: string[];
}

export class IndexRebuildView {
  @ApiProperty() index: string;
  @ApiProperty() documents: number;
  @ApiProperty({ description: 'rows changed during the rebuild, synced after the swap' }) caughtUp: number;
  @ApiProperty() ms: number;
}

export class ReindexView {
  @ApiProperty({ type: [IndexRebuildView] }) indexes: IndexRebuildView[];
}

export class ReconcileView {
  @ApiProperty() index: string;
  @ApiProperty() published: number;
  @ApiProperty() indexed: number;
  @ApiProperty() missing: number;
  @ApiProperty() stale: number;
  @ApiProperty() extra: number;
  @ApiProperty() ms: number;
}
