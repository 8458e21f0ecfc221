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

/** What one index's reconciliation with Postgres found and repaired. */
export class IndexReconcileView {
  @ApiProperty({ description: 'the index uid (with the installation prefix)' }) index: string;
  @ApiProperty({
    description: 'documents Postgres says must exist: published posts, or consenting seekers',
  })
  published: number;
  @ApiProperty({ description: 'documents in the index before repair' }) indexed: number;
  @ApiProperty({ description: 'absent documents, upserted' }) missing: number;
  @ApiProperty({ description: 'documents that differed from Postgres, upserted' }) stale: number;
  @ApiProperty({ description: 'documents that must not be there, deleted' }) extra: number;
  @ApiProperty() ms: number;
}

export class ReconcileView {
  @ApiProperty({ type: IndexReconcileView, description: 'the public job posts index' })
  jobPosts: IndexReconcileView;
  @ApiProperty({ type: IndexReconcileView, description: 'the staff-only index of consenting seekers' })
  seekers: IndexReconcileView;
}
