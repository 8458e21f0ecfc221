import { Body, Controller, Get, HttpCode, Param, Patch, Put, Query, Req } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { UuidParam, AuthUser, CurrentUser, Role, Roles, IdempotentPost } from '@app/platform';
import { requestIdOf } from '@app/audit';
import {
  AddAssistanceNoteDto,
  AssistanceNoteView,
  PutMySeekerProfileDto,
  RegisterSeekerByStaffDto,
  SeekerConsentDto,
  SeekerListQuery,
  SeekerPageDto,
  SeekerProfileView,
} from './seeker.dto';
import { SeekerService } from './seeker.service';

/**
 * Job seekers (求职者). Employers never see a seeker here: they find candidates through the seeker
 * index (consenting seekers only, no names, ID numbers or phones).
 */
@ApiTags('seekers')
@ApiBearerAuth()
@ApiUnauthorizedResponse({ description: 'not signed in' })
@Controller('api/v1/seekers')
export class SeekerController {
  constructor(private readonly seekers: SeekerService) {}

  @Get('me')
  @Roles(Role.Seeker)
  @ApiOkResponse({ type: SeekerProfileView })
  @ApiNotFoundResponse({ description: 'no profile yet (PUT creates it)' })
  getMine(@CurrentUser() actor: AuthUser): Promise<SeekerProfileView> {
    return this.seekers.getMine(actor);
  }

  /** Creates or replaces the own profile; every field is checked and a 400 names each bad one. */
  @Put('me')
  @Roles(Role.Seeker)
  @ApiOkResponse({ type: SeekerProfileView })
  @ApiBadRequestResponse({ description: 'invalid or unknown field — names each' })
  putMine(@CurrentUser() actor: AuthUser, @Body() dto: PutMySeekerProfileDto): Promise<SeekerProfileView> {
    return this.seekers.putMine(actor, dto);
  }

  /** Consent to be found by employers (and staff matching); off removes the profile from the index. */
  @Patch('me/consent')
  @Roles(Role.Seeker)
  @ApiOkResponse({ type: SeekerProfileView })
  @ApiNotFoundResponse({ description: 'no profile yet' })
  setConsent(@CurrentUser() actor: AuthUser, @Body() dto: SeekerConsentDto): Promise<SeekerProfileView> {
    return this.seekers.setConsent(actor, dto.searchableByEmployers);
  }

  /** Staff register a seeker on their behalf; township staff only in their township. Audited. */
  @IdempotentPost()
  @Roles(Role.Staff)
  @HttpCode(201)
  @ApiCreatedResponse({ type: SeekerProfileView })
  @ApiForbiddenResponse({ description: 'not staff, or a township outside yours' })
  @ApiConflictResponse({ description: 'login or ID number already registered' })
  register(
    @CurrentUser() actor: AuthUser,
    @Body() dto: RegisterSeekerByStaffDto,
    @Req() req: unknown,
  ): Promise<SeekerProfileView> {
    return this.seekers.registerByStaff(actor, dto, requestIdOf(req));
  }

  /** Staff and admins; township staff see their township only. ID numbers and mobiles masked. */
  @Get()
  @Roles(Role.Staff, Role.Admin)
  @ApiOkResponse({ type: SeekerPageDto })
  @ApiForbiddenResponse({ description: 'not staff or admin' })
  list(@CurrentUser() actor: AuthUser, @Query() q: SeekerListQuery): Promise<SeekerPageDto> {
    return this.seekers.list(actor, {
      q: q.q,
      group: q.group,
      townshipCode: q.townshipCode,
      limit: q.limit ?? 20,
      offset: q.offset ?? 0,
    });
  }

  /** The seeker themselves or staff in scope; anyone else 404 (employers and agencies 403). */
  @Get(':id')
  @Roles(Role.Seeker, Role.Staff, Role.Admin)
  @ApiOkResponse({ type: SeekerProfileView })
  @ApiNotFoundResponse({ description: 'no such profile, or not yours to see' })
  get(@CurrentUser() actor: AuthUser, @Param() p: UuidParam): Promise<SeekerProfileView> {
    return this.seekers.getForActor(actor, p.id);
  }

  /** One-to-one help (一对一帮扶): staff record what they did and agreed. */
  @IdempotentPost(':id/assistance-notes')
  @Roles(Role.Staff)
  @HttpCode(201)
  @ApiCreatedResponse({ type: AssistanceNoteView })
  @ApiNotFoundResponse({ description: 'no such profile in your township' })
  addNote(
    @CurrentUser() actor: AuthUser,
    @Param() p: UuidParam,
    @Body() dto: AddAssistanceNoteDto,
  ): Promise<AssistanceNoteView> {
    return this.seekers.addNote(actor, p.id, dto.note);
  }

  @Get(':id/assistance-notes')
  @Roles(Role.Staff, Role.Admin)
  @ApiOkResponse({ type: [AssistanceNoteView] })
  @ApiNotFoundResponse({ description: 'no such profile in your township' })
  listNotes(@CurrentUser() actor: AuthUser, @Param() p: UuidParam): Promise<AssistanceNoteView[]> {
    return this.seekers.listNotes(actor, p.id);
  }
}
