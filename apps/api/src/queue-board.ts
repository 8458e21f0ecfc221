import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { FastifyAdapter } from '@bull-board/fastify';
import { BullBoardModule } from '@bull-board/nestjs';
import { Controller, HttpCode, Module, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiForbiddenResponse, ApiNoContentResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import {
  DomainError,
  QueueName,
  Roles,
  SkipIdempotency,
  sendError,
  toErrorResponse,
  Role,
  IdempotentPost,
} from '@app/platform';
import { PrincipalResolver } from '@app/identity';

export const QUEUE_BOARD_ROUTE = '/admin/queues';
const COOKIE = 'jishan_queue_board';

/** Bull Board over every queue of the platform, at /admin/queues. */
@Module({
  imports: [
    BullBoardModule.forRoot({ route: QUEUE_BOARD_ROUTE, adapter: FastifyAdapter }),
    ...Object.values(QueueName).map((name) => BullBoardModule.forFeature({ name, adapter: BullMQAdapter })),
  ],
})
export class QueueBoardModule {}

/**
 * Bull Board's routes are Fastify's, outside Nest's guards, so an onRequest hook admits admins
 * only, by the very check the API's guard makes (PrincipalResolver: signature, expiry, the user's
 * current role and token version — a revoked session is refused here as everywhere): a Bearer
 * access token, or `?token=` once (then an HttpOnly cookie scoped to the board, so the board's own
 * asset and API requests carry it; the cookie is checked again on every request).
 */
export function protectQueueBoard(fastify: FastifyInstance, principals: () => PrincipalResolver): void {
  fastify.addHook('onRequest', async (request: FastifyRequest, reply: FastifyReply) => {
    const path = request.url.split('?')[0];
    if (path !== QUEUE_BOARD_ROUTE && !path.startsWith(`${QUEUE_BOARD_ROUTE}/`)) return;
    const query = new URL(request.url, 'http://local').searchParams;
    const fromQuery = query.get('token');
    const header = request.headers.authorization;
    const cookie = /(?:^|;\s*)jishan_queue_board=([^;]+)/.exec(request.headers.cookie ?? '')?.[1];
    const token = fromQuery ?? (header?.startsWith('Bearer ') ? header.slice(7) : undefined) ?? cookie;
    try {
      if (!token) throw new DomainError('unauthenticated', 'Sign in as an admin first', 401);
      const user = await principals().resolve(`Bearer ${token}`);
      if (user.role !== Role.Admin) throw DomainError.forbidden('The queue board is for admins only');
    } catch (err) {
      const { status, body } = toErrorResponse(err);
      // A refused cookie is cleared, so the browser stops sending it.
      const headers: Record<string, string> = cookie
        ? { 'set-cookie': `${COOKIE}=; Path=${QUEUE_BOARD_ROUTE}; HttpOnly; SameSite=Strict; Max-Age=0` }
        : {};
      sendError(reply, status, body, headers);
      return reply;
    }
    if (fromQuery) {
      void reply.header(
        'set-cookie',
        `${COOKIE}=${token}; Path=${QUEUE_BOARD_ROUTE}; HttpOnly; SameSite=Strict; Max-Age=900`,
      );
    }
  });
}

/**
 * The web app's way onto the board: an admin signed in to the web app posts here with the access
 * token, which comes back as the board's HttpOnly cookie for 15 minutes (never in a URL, so never
 * in a log or the history); the board checks it again on every request, so signing out or a
 * revocation closes the board at once.
 */
@ApiTags('admin')
@Controller('api/v1/admin/queue-board-session')
export class QueueBoardSessionController {
  @IdempotentPost()
  @HttpCode(204)
  @Roles(Role.Admin)
  @SkipIdempotency()
  @ApiBearerAuth()
  @ApiNoContentResponse({ description: 'the board cookie is set; open /admin/queues' })
  @ApiForbiddenResponse({ description: 'admins only' })
  open(@Req() req: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply): void {
    const token = (req.headers.authorization ?? '').replace(/^Bearer /, '');
    reply.setCookie(COOKIE, token, {
      path: QUEUE_BOARD_ROUTE,
      httpOnly: true,
      sameSite: 'strict',
      secure: req.protocol === 'https',
      maxAge: 900,
    });
  }
}
