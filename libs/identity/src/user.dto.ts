import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Length, Matches, MinLength } from 'class-validator';
import { PageQuery, Role } from '@app/platform';
import { AGENCY_KINDS } from '@app/subsidy-engine';
import { IsMobileNumber } from './pii-validators';

export const LOGIN_PATTERN = /^[a-zA-Z0-9_.@-]{3,64}$/;
export const TOWNSHIP_PATTERN = /^[a-z]{2,20}$/;

export class OrganisationView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: ['enterprise', 'agency'] }) kind: string;
  @ApiProperty({ example: '稷山县晋南机械有限公司' }) name: string;
  @ApiProperty({ example: '91140824MA0K12345X' }) creditCode: string;
  @ApiProperty({ enum: AGENCY_KINDS, nullable: true, type: String }) agencyKind: string | null;
}

/** The signed-in principal as the access guard established it (no profile lookup). */
export class SessionView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: Role }) role: Role;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) organisationId: string | null;
  @ApiProperty({ nullable: true, type: String, example: 'jifeng' }) townshipCode: string | null;
}

/** A user as the API shows it: personal data masked, always. */
export class UserView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: Role }) role: Role;
  @ApiProperty({ example: 'zhangwei' }) login: string;
  @ApiProperty({ example: '张伟' }) displayName: string;
  @ApiProperty({ nullable: true, type: String, example: '139****5678', description: 'masked' })
  mobile: string | null;
  @ApiProperty({ nullable: true, type: String, example: '140824**********17', description: 'masked' })
  idNumber: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) organisationId: string | null;
  @ApiProperty({ nullable: true, type: OrganisationView }) organisation: OrganisationView | null;
  @ApiProperty({ nullable: true, type: String, example: 'jifeng' }) townshipCode: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}

export class UserPageDto {
  @ApiProperty({ type: [UserView] }) items: UserView[];
  @ApiProperty() total: number;
  @ApiProperty() limit: number;
  @ApiProperty() offset: number;
}

export class UserListQueryDto extends PageQuery {
  @ApiPropertyOptional({ enum: Role })
  @IsOptional()
  @IsIn(Object.values(Role))
  role?: Role;

  @ApiPropertyOptional({
    example: 'jifeng',
    description: 'township (township staff see only their own anyway)',
  })
  @IsOptional()
  @Matches(TOWNSHIP_PATTERN, { message: 'townshipCode must be a township code' })
  townshipCode?: string;
}

export class UpdateMeDto {
  @ApiPropertyOptional({ example: '张伟', minLength: 1, maxLength: 50 })
  @IsOptional()
  @IsString()
  @Length(1, 50)
  displayName?: string;

  @ApiPropertyOptional({ example: '13912345678' })
  @IsOptional()
  @IsMobileNumber()
  mobile?: string;

  @ApiPropertyOptional({
    example: 'jifeng',
    nullable: true,
    type: String,
    description: 'seekers only: home township (null clears it)',
  })
  @IsOptional()
  @Matches(TOWNSHIP_PATTERN, { message: 'townshipCode must be a township code' })
  townshipCode?: string | null;
}

export class CreateUserDto {
  @ApiProperty({ enum: [Role.Staff, Role.Admin] })
  @IsIn([Role.Staff, Role.Admin], { message: 'role must be staff or admin' })
  role: Role.Staff | Role.Admin;

  @ApiProperty({ example: 'staff.jifeng', pattern: LOGIN_PATTERN.source })
  @IsString()
  @Matches(LOGIN_PATTERN, { message: 'login must be 3-64 letters, digits, _ . @ or -' })
  login: string;

  @ApiProperty({ minLength: 8, maxLength: 128 })
  @IsString()
  @MinLength(8, { message: 'password must be at least 8 characters' })
  @Length(8, 128)
  password: string;

  @ApiProperty({ example: '稷峰镇劳动保障所' })
  @IsString()
  @Length(1, 50)
  displayName: string;

  @ApiPropertyOptional({ example: '13912345678' })
  @IsOptional()
  @IsMobileNumber()
  mobile?: string;

  @ApiPropertyOptional({
    example: 'jifeng',
    description: 'staff only: the township station (omit for county-wide)',
  })
  @IsOptional()
  @Matches(TOWNSHIP_PATTERN, { message: 'townshipCode must be a township code' })
  townshipCode?: string;
}

export class RevealIdNumberDto {
  @ApiProperty({ example: '核对补贴申请材料', minLength: 4, maxLength: 500 })
  @IsString()
  @Length(4, 500, { message: 'reason must be 4-500 characters' })
  reason: string;
}

export class RevealedIdNumberDto {
  @ApiProperty({ format: 'uuid' }) userId: string;
  @ApiProperty({ example: '140824200303150017', description: 'the plain number (this reveal is audited)' })
  idNumber: string;
}
