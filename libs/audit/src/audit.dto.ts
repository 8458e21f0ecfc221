import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsISO8601, IsOptional, IsString, IsUUID, Length } from 'class-validator';
import { WidePageQuery } from '@app/platform';

export class AuditQueryDto extends WidePageQuery {
  @ApiPropertyOptional({ format: 'uuid', description: 'only entries by this user' })
  @IsOptional()
  @IsUUID()
  actor?: string;

  @ApiPropertyOptional({ example: 'user.reveal-id-number' })
  @IsOptional()
  @IsString()
  @Length(1, 100)
  action?: string;

  @ApiPropertyOptional({ example: 'user', description: 'target type' })
  @IsOptional()
  @IsString()
  @Length(1, 100)
  targetType?: string;

  @ApiPropertyOptional({ description: 'target id (with targetType)' })
  @IsOptional()
  @IsString()
  @Length(1, 100)
  targetId?: string;

  @ApiPropertyOptional({ example: '2025-01-01', description: 'from this date/time (inclusive)' })
  @IsOptional()
  @IsISO8601({ strict: true })
  from?: string;

  @ApiPropertyOptional({ example: '2025-12-31', description: 'to this date (inclusive) or before this time' })
  @IsOptional()
  @IsISO8601({ strict: true })
  to?: string;
}

export class AuditEntryDto {
  @ApiProperty({ example: '42' }) id: string;
  @ApiProperty({ format: 'date-time' }) at: string;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) actorId: string | null;
  @ApiProperty({ nullable: true, type: String, example: 'staff' }) actorRole: string | null;
  @ApiProperty({ example: 'user.reveal-id-number' }) action: string;
  @ApiProperty({ example: 'user' }) targetType: string;
  @ApiProperty({ nullable: true, type: String }) targetId: string | null;
  @ApiProperty({ nullable: true, type: String }) reason: string | null;
  @ApiProperty({ nullable: true, type: String }) requestId: string | null;
  @ApiProperty({ type: 'object', additionalProperties: true }) details: Record<string, unknown>;
  @ApiProperty({ type: [String], example: ['jifeng'], description: 'the townships the entry concerns' })
  townshipCodes: string[];
}

export class AuditPageDto {
  @ApiProperty({ type: [AuditEntryDto] }) items: AuditEntryDto[];
  @ApiProperty() total: number;
  @ApiProperty() limit: number;
  @ApiProperty() offset: number;
}
