import { Controller, Get, Header } from '@nestjs/common';
import { ApiOkResponse, ApiProperty, ApiTags } from '@nestjs/swagger';
import { Public } from '@app/platform';
import { TOWNSHIPS } from '@app/platform/geo';
import { APPLICATION_STATUS_NAMES } from '@app/applications';
import { EMPLOYMENT_TYPE_NAMES, JOB_POST_STATUS_NAMES } from '@app/jobs';
import { AVAILABILITY_NAMES, EDUCATION_NAMES } from '@app/seekers';
import { BENEFICIARY_KIND_NAMES, CLAIM_STATUS_NAMES } from '@app/subsidies';
import {
  EMPLOYER_REGISTRATION_STATUS_NAMES,
  FAIR_MODE_NAMES,
  FAIR_OUTCOME_KIND_NAMES,
  FAIR_STATUS_NAMES,
  FAIR_THEME_NAMES,
  SEEKER_REGISTRATION_STATUS_NAMES,
} from '@app/fairs';
import {
  AGENCY_KIND_NAMES,
  BUSINESS_KIND_NAMES,
  CERTIFICATE_LEVEL_NAMES,
  EMPLOYER_SIZE_NAMES,
  GRADUATION_LEVEL_NAMES,
  INTERNSHIP_GROUP_NAMES,
  PERSON_GROUP_NAMES,
  POST_KIND_NAMES,
} from '@app/subsidy-engine';
import { HOST_AFFILIATION_NAMES, HOST_UNIT_KIND_NAMES, INTERN_OUTCOME_NAMES } from '@app/internships';

export class VocabularyTerm {
  @ApiProperty({ example: 'full-time' }) code: string;
  @ApiProperty({ example: '全职' }) name: string;
}

export class TownshipTerm extends VocabularyTerm {
  @ApiProperty({ enum: ['town', 'township', 'zone'] }) kind: string;
}

/** Every term a form or a page shows, with its Chinese name, from the one place each is defined. */
export class VocabulariesView {
  @ApiProperty({ type: [TownshipTerm] }) townships: TownshipTerm[];
  @ApiProperty({ type: [VocabularyTerm] }) employmentTypes: VocabularyTerm[];
  @ApiProperty({ type: [VocabularyTerm] }) educationLevels: VocabularyTerm[];
  @ApiProperty({ type: [VocabularyTerm] }) availabilities: VocabularyTerm[];
  @ApiProperty({ type: [VocabularyTerm] }) employerSizes: VocabularyTerm[];
  @ApiProperty({ type: [VocabularyTerm] }) personGroups: VocabularyTerm[];
  @ApiProperty({ type: [VocabularyTerm] }) postKinds: VocabularyTerm[];
  @ApiProperty({ type: [VocabularyTerm] }) agencyKinds: VocabularyTerm[];
  @ApiProperty({ type: [VocabularyTerm] }) certificateLevels: VocabularyTerm[];
  @ApiProperty({ type: [VocabularyTerm] }) businessKinds: VocabularyTerm[];
  @ApiProperty({ type: [VocabularyTerm] }) graduationLevels: VocabularyTerm[];
  @ApiProperty({ type: [VocabularyTerm] }) jobPostStatuses: VocabularyTerm[];
  @ApiProperty({ type: [VocabularyTerm] }) applicationStatuses: VocabularyTerm[];
  @ApiProperty({ type: [VocabularyTerm] }) claimStatuses: VocabularyTerm[];
  @ApiProperty({ type: [VocabularyTerm] }) beneficiaryKinds: VocabularyTerm[];
  @ApiProperty({ type: [VocabularyTerm] }) fairThemes: VocabularyTerm[];
  @ApiProperty({ type: [VocabularyTerm] }) fairModes: VocabularyTerm[];
  @ApiProperty({ type: [VocabularyTerm] }) fairStatuses: VocabularyTerm[];
  @ApiProperty({ type: [VocabularyTerm] }) fairSeekerRegistrationStatuses: VocabularyTerm[];
  @ApiProperty({ type: [VocabularyTerm] }) fairEmployerRegistrationStatuses: VocabularyTerm[];
  @ApiProperty({ type: [VocabularyTerm] }) fairOutcomeKinds: VocabularyTerm[];
  @ApiProperty({ type: [VocabularyTerm], description: '就业见习的适用人群 (二(十一))' })
  internshipGroups: VocabularyTerm[];
  @ApiProperty({ type: [VocabularyTerm] }) hostUnitKinds: VocabularyTerm[];
  @ApiProperty({ type: [VocabularyTerm] }) hostAffiliations: VocabularyTerm[];
  @ApiProperty({ type: [VocabularyTerm] }) internOutcomes: VocabularyTerm[];
}

const terms = (names: Readonly<Record<string, string>>): VocabularyTerm[] =>
  Object.entries(names).map(([code, name]) => ({ code, name }));

const VOCABULARIES: VocabulariesView = {
  townships: TOWNSHIPS.map(({ code, name, kind }) => ({ code, name, kind })),
  employmentTypes: terms(EMPLOYMENT_TYPE_NAMES),
  educationLevels: terms(EDUCATION_NAMES),
  availabilities: terms(AVAILABILITY_NAMES),
  employerSizes: terms(EMPLOYER_SIZE_NAMES),
  personGroups: terms(PERSON_GROUP_NAMES),
  postKinds: terms(POST_KIND_NAMES),
  agencyKinds: terms(AGENCY_KIND_NAMES),
  certificateLevels: terms(CERTIFICATE_LEVEL_NAMES),
  businessKinds: terms(BUSINESS_KIND_NAMES),
  graduationLevels: terms(GRADUATION_LEVEL_NAMES),
  jobPostStatuses: terms(JOB_POST_STATUS_NAMES),
  applicationStatuses: terms(APPLICATION_STATUS_NAMES),
  claimStatuses: terms(CLAIM_STATUS_NAMES),
  beneficiaryKinds: terms(BENEFICIARY_KIND_NAMES),
  fairThemes: terms(FAIR_THEME_NAMES),
  fairModes: terms(FAIR_MODE_NAMES),
  fairStatuses: terms(FAIR_STATUS_NAMES),
  fairSeekerRegistrationStatuses: terms(SEEKER_REGISTRATION_STATUS_NAMES),
  fairEmployerRegistrationStatuses: terms(EMPLOYER_REGISTRATION_STATUS_NAMES),
  fairOutcomeKinds: terms(FAIR_OUTCOME_KIND_NAMES),
  internshipGroups: terms(INTERNSHIP_GROUP_NAMES),
  hostUnitKinds: terms(HOST_UNIT_KIND_NAMES),
  hostAffiliations: terms(HOST_AFFILIATION_NAMES),
  internOutcomes: terms(INTERN_OUTCOME_NAMES),
};

@ApiTags('vocabularies')
@Controller('api/v1/vocabularies')
export class VocabularyController {
  /** 词表: the codes the API speaks and the Chinese a person reads, for forms and pages. */
  @Get()
  @Public()
  @Header('Cache-Control', 'public, max-age=3600')
  @ApiOkResponse({ type: VocabulariesView })
  all(): VocabulariesView {
    return VOCABULARIES;
  }
}
