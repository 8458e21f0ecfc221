import { EMPLOYER_SIZES } from '@app/subsidy-engine';
import { EMPLOYMENT_TYPES } from '@app/jobs/vocabulary';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString } from 'class-validator';

/**
 * The public search's query string (岗位搜索). Values stay strings here: ranges and vocabularies
 * are checked by `buildJobPostSearch`, whose InvalidSearchParamError becomes a 400 naming the field,
 * so the Meilisearch and the degraded Postgres paths validate identically.
 */
export class JobPostSearchQuery {
  @ApiPropertyOptional({
    description: 'Words to search, Chinese or pinyin (焊工, hangong, hg); ≤ 100 characters',
  })
  @IsOptional()
  @IsString()
  q?: string;

  @ApiPropertyOptional({
    description: 'Township name (稷峰镇) or code (jifeng); repeat or comma-separate for several',
    type: [String],
  })
  @IsOptional()
  @IsString({ each: true })
  township?: string | string[];

  @ApiPropertyOptional({ description: 'Industry (所属行业), e.g. 制造业; several allowed', type: [String] })
  @IsOptional()
  @IsString({ each: true })
  industry?: string | string[];

  @ApiPropertyOptional({
    description: 'full-time | part-time | temporary | internship; several allowed',
    type: [String],
  })
  @IsOptional()
  @IsString({ each: true })
  employmentType?: string | string[];

  @ApiPropertyOptional({
    description: 'CNY per month the post can pay at least (0 … 1,000,000)',
    example: '4000',
  })
  @IsOptional()
  @IsString()
  wageMin?: string;

  @ApiPropertyOptional({
    description:
      'Required education, exact: none | junior-high | senior-high | secondary-vocational | college | bachelor | master',
    type: [String],
  })
  @IsOptional()
  @IsString({ each: true })
  education?: string | string[];

  @ApiPropertyOptional({ description: 'large | medium | small | micro', type: [String] })
  @IsOptional()
  @IsString({ each: true })
  employerSize?: string | string[];

  @ApiPropertyOptional({
    description: '见习 posts only (true) or none of them (false)',
    enum: ['true', 'false'],
  })
  @IsOptional()
  @IsString()
  internship?: string;

  @ApiPropertyOptional({
    description: 'Posts open to workers of 50 and over (4050 人员)',
    enum: ['true', 'false'],
  })
  @IsOptional()
  @IsString()
  olderWorkers?: string;

  @ApiPropertyOptional({ description: 'Published within this many days (1 … 3650)' })
  @IsOptional()
  @IsString()
  postedWithinDays?: string;

  @ApiPropertyOptional({ enum: ['relevance', 'date', 'wage'], default: 'relevance' })
  @IsOptional()
  @IsString()
  sort?: string;

  @ApiPropertyOptional({ description: 'Township code whose centre orders hits by distance, nearest first' })
  @IsOptional()
  @IsString()
  near?: string;

  @ApiPropertyOptional({ description: '1 … 100', default: 20 })
  @IsOptional()
  @IsString()
  limit?: string;

  @ApiPropertyOptional({ description: '0 … 5000', default: 0 })
  @IsOptional()
  @IsString()
  offset?: string;
}

/** One post in the public search answer: what a list item shows, no contact data. */
export class JobPostSearchHit {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() title: string;
  /** 工种 */
  @ApiProperty({ type: String, nullable: true }) occupation: string | null;
  @ApiProperty({ type: String, nullable: true }) industry: string | null;
  @ApiProperty({ type: [String] }) skills: string[];
  @ApiProperty({ format: 'uuid' }) employerId: string;
  @ApiProperty() employerName: string;
  @ApiProperty({ type: String, nullable: true, enum: EMPLOYER_SIZES })
  employerSize: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'Township name; null outside the county' })
  township: string | null;
  @ApiProperty({ type: String, nullable: true }) townshipCode: string | null;
  @ApiProperty({ description: 'The place as written (劳务输出 posts: outside the county)' })
  placeText: string;
  @ApiProperty({ enum: EMPLOYMENT_TYPES }) employmentType: string;
  @ApiProperty({ type: Number, nullable: true, description: 'fen per month' }) wageMinFen: number | null;
  @ApiProperty({ type: Number, nullable: true, description: 'fen per month' }) wageMaxFen: number | null;
  @ApiProperty({ type: String, nullable: true }) education: string | null;
  @ApiProperty({ type: Number, nullable: true }) ageMin: number | null;
  @ApiProperty({ type: Number, nullable: true }) ageMax: number | null;
  @ApiProperty() acceptsOlderWorkers: boolean;
  @ApiProperty() isInternship: boolean;
  @ApiProperty() headcount: number;
  @ApiProperty({ format: 'date-time' }) publishedAt: string;
  @ApiProperty({ type: String, nullable: true, format: 'date', description: '截止日期' }) deadline:
    string | null;
}

/** A word of the search box taken as a filter (「翟店」 → township zhaidian), for the page to show. */
export class UnderstoodWordView {
  @ApiProperty({ example: '翟店' }) word: string;
  @ApiProperty({ enum: ['township', 'employmentType', 'internship', 'outsideCounty'] }) filter:
    'township' | 'employmentType' | 'internship' | 'outsideCounty';
  @ApiProperty({ description: 'a township code, an employment type, or "true"', example: 'zhaidian' })
  value: string;
}

export class JobPostSearchResult {
  @ApiProperty({ type: [JobPostSearchHit] }) hits: JobPostSearchHit[];
  @ApiProperty({ description: 'Matching posts (Meilisearch: estimated, capped at 5000)' }) total: number;
  @ApiProperty({
    description:
      'Counts per value of township, industry, occupation, employmentType, education, employerSize, isInternship, acceptsOlderWorkers',
    type: 'object',
    additionalProperties: { type: 'object', additionalProperties: { type: 'number' } },
    example: { township: { 稷峰镇: 12 }, employmentType: { 'full-time': 10, 'part-time': 2 } },
  })
  facets: Record<string, Record<string, number>>;
  @ApiProperty({
    description:
      'true when Meilisearch did not answer and Postgres did: no pinyin, no typo tolerance; total and facets count the first 1,000 matches',
  })
  degraded: boolean;
  @ApiProperty({
    type: [UnderstoodWordView],
    description: 'words of q applied as filters instead of text (翟店 日结 搬运: township, employment type)',
  })
  understood: UnderstoodWordView[];
}
