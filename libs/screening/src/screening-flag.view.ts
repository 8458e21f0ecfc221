import { ApiProperty } from '@nestjs/swagger';
import { SCREENING_FLAG_CODES, ScreeningFlag } from './screening';

/** A screen's flag as the API shows it to the poster and to staff (the reviewer sees why). */
export class ScreeningFlagView implements ScreeningFlag {
  @ApiProperty({ enum: SCREENING_FLAG_CODES }) code: ScreeningFlag['code'];
  @ApiProperty({ description: 'in Chinese, for the reviewer and the poster' }) reason: string;
  @ApiProperty({ type: [String], description: 'what matched' }) words: string[];
}
