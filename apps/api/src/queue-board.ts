import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { FastifyAdapter } from '@bull-board/fastify';
import { BullBoardModule } from '@bull-board/nestjs';
import { Module } from '@nestjs/common';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { DomainError, QueueName, toErrorResponse } from '@app/platform';
import { Role, verifyAccessToken } from '@app/identity';

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
 * Bull Board's routes are Fastify's, outside Nest's guards, so an onRequest hook admits admins only:
 * a Bearer access token, or `?token=` once (then an HttpOnly cookie scoped to the board, so the
 * board's own asset and API requests carry it).
 */
export function protectQueueBoard(fastify: FastifyInstance): void {
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
      const user = verifyAccessToken(token);
      if (user.role !== Role.Admin) throw DomainError.forbidden('The queue board is for admins only');
    } catch (err) {
      const { status, body } = toErrorResponse(err);
      return reply.code(status).header('content-type', 'application/json; charset=utf-8').send(body);
    }
    if (fromQuery) {
      void reply.header(
        'set-cookie',
        `${COOKIE}=${token}; Path=${QUEUE_BOARD_ROUTE}; HttpOnly; SameSite=Strict; Max-Age=900`,
      );
    }
  });
}
