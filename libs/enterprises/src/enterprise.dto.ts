import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsOptional, IsString, IsUUID, Length, Matches, ValidateIf } from 'class-validator';
import { PageQuery } from '@app/platform';
import { IsCreditCode } from '@app/identity';
import { EMPLOYER_SIZES, type EmployerSize } from '@app/subsidy-engine';

const TOWNSHIP = /^[a-z]{2,20}$/;
const PHONE = /^(?:1[3-9]\d{9}|0[1-9]\d{1,2}-?[2-9]\d{6,7})$/;

/** The profile fields an employer (or staff) fills in. */
export class EnterpriseProfileFields {
  @ApiPropertyOptional({ enum: EMPLOYER_SIZES, description: '单位规模 大型/中型/小型/微型' })
  @IsOptional()
  @IsIn(EMPLOYER_SIZES, { message: `size must be one of ${EMPLOYER_SIZES.join(', ')}` })
  size?: EmployerSize;

  @ApiPropertyOptional({ example: '制造业' })
  @IsOptional()
  @IsString()
  @Length(1, 100)
  industry?: string;

  @ApiPropertyOptional({ example: 'jifeng', description: 'township code (see townships)' })
  @IsOptional()
  @Matches(TOWNSHIP, { message: 'townshipCode must be a township code' })
  townshipCode?: string;

  @ApiPropertyOptional({ example: '稷山县稷峰镇新建路12号' })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  address?: string;

  @ApiPropertyOptional({ example: '王经理' })
  @IsOptional()
  @IsString()
  @Length(1, 100)
  contactName?: string;

  @ApiPropertyOptional({ example: '13912345678', description: 'mobile or landline; masked in every answer' })
  @IsOptional()
  @Matches(PHONE, { message: 'contactPhone must be a mainland mobile or landline number' })
  contactPhone?: string;
}

export class UpsertMyEnterpriseDto extends EnterpriseProfileFields {}

export class CreateEnterpriseDto extends EnterpriseProfileFields {
  @ApiProperty({ example: '稷山县晋南机械有限公司' })
  @IsString()
  @Length(2, 200)
  name: string;

  @ApiProperty({
    example: '91140824MA0K12345X',
    description: '统一社会信用代码 (GB 32100 check character verified)',
  })
  @IsCreditCode()
  creditCode: string;
}

export class SetKeyEnterpriseDto {
  @ApiPropertyOptional({ description: '重点企业' })
  @IsOptional()
  @IsBoolean()
  isKey?: boolean;

  @ApiPropertyOptional({
    format: 'uuid',
    nullable: true,
    type: String,
    description: '人社服务专员 (a staff user); null clears',
  })
  @IsOptional()
  @ValidateIf((o: SetKeyEnterpriseDto) => o.commissionerUserId !== null)
  @IsUUID('all', { message: 'commissionerUserId must be a UUID' })
  commissionerUserId?: string | null;
}

export class ListEnterprisesQuery extends PageQuery {
  @ApiPropertyOptional({ description: 'name or credit code contains' })
  @IsOptional()
  @IsString()
  @Length(1, 100)
  q?: string;

  @ApiPropertyOptional({ example: 'jifeng' })
  @IsOptional()
  @Matches(TOWNSHIP, { message: 'townshipCode must be a township code' })
  townshipCode?: string;

  @ApiPropertyOptional({ description: 'only 重点企业' })
  @IsOptional()
  @IsIn(['true', 'false'])
  isKey?: 'true' | 'false';

  @ApiPropertyOptional({ description: 'only enterprises looked after by me (commissioners)' })
  @IsOptional()
  @IsIn(['true', 'false'])
  mine?: 'true' | 'false';
}

export class EnterpriseView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty() creditCode: string;
  @ApiProperty({ enum: EMPLOYER_SIZES, nullable: true }) size: EmployerSize | null;
  @ApiProperty({ nullable: true, type: String }) industry: string | null;
  @ApiProperty({ nullable: true, type: String }) townshipCode: string | null;
  @ApiProperty({ nullable: true, type: String }) address: string | null;
  @ApiProperty({ nullable: true, type: String }) contactName: string | null;
  @ApiProperty({ nullable: true, type: String, example: '139****5678', description: 'masked' })
  contactPhone: string | null;
  @ApiProperty() isKey: boolean;
  @ApiProperty({ nullable: true, type: String }) commissionerUserId: string | null;
  @ApiProperty({ description: 'false until the employer or staff filled in the profile' })
  hasProfile: boolean;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}

export class EnterpriseListView {
  @ApiProperty({ type: [EnterpriseView] }) items: EnterpriseView[];
  @ApiProperty() total: number;
}
