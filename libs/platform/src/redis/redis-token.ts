/** The shared ioredis client for everything but BullMQ (throttling, idempotency locks, health). */
export const REDIS = Symbol('REDIS');
