import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Length, Matches, MinLength } from 'class-validator';
import { AGENCY_KINDS, type AgencyKind } from '@app/subsidy-engine';
import { IsCreditCode, IsMobileNumber, IsResidentIdNumber } from './pii-validators';
import { LOGIN_PATTERN, TOWNSHIP_PATTERN, UserView } from './user.dto';

class RegisterUserFields {
  @ApiProperty({ example: 'zhangwei', pattern: LOGIN_PATTERN.source })
  @IsString()
  @Matches(LOGIN_PATTERN, { message: 'login must be 3-64 letters, digits, _ . @ or -' })
  login: string;

  @ApiProperty({ minLength: 8, maxLength: 128 })
  @IsString()
  @MinLength(8, { message: 'password must be at least 8 characters' })
  @Length(8, 128, { message: 'password must be 8-128 characters' })
  password: string;

  @ApiProperty({ example: '张伟' })
  @IsString()
  @Length(1, 50)
  displayName: string;

  @ApiProperty({ example: '13912345678' })
  @IsMobileNumber()
  mobile: string;
}

export class RegisterSeekerDto extends RegisterUserFields {
  @ApiPropertyOptional({
    example: '140824200303150017',
    description: 'resident ID number (stored encrypted)',
  })
  @IsOptional()
  @IsResidentIdNumber()
  idNumber?: string;

  @ApiPropertyOptional({ example: 'jifeng', description: 'home township' })
  @IsOptional()
  @Matches(TOWNSHIP_PATTERN, { message: 'townshipCode must be a township code' })
  townshipCode?: string;
}

export class RegisterEmployerDto extends RegisterUserFields {
  @ApiProperty({ example: '稷山县晋南机械有限公司' })
  @IsString()
  @Length(2, 200)
  enterpriseName: string;

  @ApiProperty({ example: '91140824MA0K12345X', description: 'unified social credit code (GB 32100)' })
  @IsCreditCode()
  creditCode: string;
}

export class RegisterAgencyDto extends RegisterUserFields {
  @ApiProperty({ example: '稷山县人力资源服务有限公司' })
  @IsString()
  @Length(2, 200)
  agencyName: string;

  @ApiProperty({ example: '91140824MA0K12345X' })
  @IsCreditCode()
  creditCode: string;

  @ApiProperty({ enum: AGENCY_KINDS })
  @IsIn(AGENCY_KINDS, { message: `agencyKind must be one of ${AGENCY_KINDS.join(', ')}` })
  agencyKind: AgencyKind;
}

export class LoginDto {
  @ApiProperty({ example: 'zhangwei' })
  @IsString()
  @Length(1, 64)
  login: string;

  @ApiProperty()
  @IsString()
  @Length(1, 128)
  password: string;
}

export class RefreshDto {
  @ApiProperty({ description: 'the opaque refresh token from login or the previous refresh' })
  @IsString()
  @Length(16, 200)
  refreshToken: string;
}

export class TokenPairDto {
  @ApiProperty() accessToken: string;
  @ApiProperty({ example: 'Bearer' }) tokenType: 'Bearer';
  @ApiProperty({ description: 'seconds until the access token expires' }) expiresIn: number;
  @ApiProperty() refreshToken: string;
  @ApiProperty({ format: 'date-time' }) refreshTokenExpiresAt: string;
  @ApiProperty({ type: UserView }) user: UserView;
}
