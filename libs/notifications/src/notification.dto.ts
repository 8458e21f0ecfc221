import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { PageQuery } from '@app/platform';

export class NotificationQuery extends PageQuery {
  @ApiPropertyOptional({ enum: ['true', 'false'], description: 'only the unread ones' })
  @IsOptional()
  @IsIn(['true', 'false'])
  unread?: 'true' | 'false';
}

export class NotificationView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'subsidy-claim.filed' }) kind: string;
  @ApiProperty({ example: '已为您生成补贴申领：岗位补贴' }) title: string;
  @ApiProperty() body: string;
  @ApiProperty({ nullable: true, type: String, example: 'subsidy-claim' }) subjectType: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) subjectId: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) readAt: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}

export class NotificationListView {
  @ApiProperty({ type: [NotificationView] }) items: NotificationView[];
  @ApiProperty() total: number;
  @ApiProperty({ description: 'unread notifications in all' }) unread: number;
}
