import {
  applyDecorators,
  BadRequestException,
  ConflictException,
  HttpStatus,
  Injectable,
  Logger,
  SetMetadata,
  StreamableFile,
  UnprocessableEntityException,
  UseInterceptors,
  type CallHandler,
  type ExecutionContext,
  type NestInterceptor,
} from '@nestjs/common';
import { HTTP_CODE_METADATA } from '@nestjs/common/constants';
import { Reflector } from '@nestjs/core';
import { EntityManager, UniqueConstraintViolationException } from '@mikro-orm/postgresql';
import { createHash } from 'node:crypto';
import type { Request } from 'express';
import { from, lastValueFrom, type Observable } from 'rxjs';
import { IdempotencyRecord } from '../../../domain/entities';
import type { AuthenticatedRequest } from '../auth/access.decorator';

const dayMs = 24 * 60 * 60 * 1000;

/** Handlers whose answer holds a secret shown once (a new API key): it is never stored, so never replayed. */
const SHOWS_SECRET = 'idempotency:showsSecret';

/** Records past their 24 hours are deleted on keyed POSTs, at most this often per API process (an index finds them). */
const purgeEveryMs = 1000;
let lastPurge = 0;

/** Deletes the answers kept longer than 24 hours: past that no replay may use them, and they hold personal data. */
export async function purgeExpiredIdempotencyRecords(em: EntityManager, now = Date.now()): Promise<number> {
  return em.fork().nativeDelete(IdempotencyRecord, { createdAt: { $lt: new Date(now - dayMs) } });
}

/**
 * `Idempotency-Key` on a POST: the same key and request within 24 hours answer with the first answer, without doing
 * the work again; the same key with a different request is a 422; a second copy while the first is running is a 409.
 * Error answers are not kept, so a client can correct its request and retry with the same key. An answer that shows a
 * secret once (`Idempotent({ showsSecret: true })`: a new API key) is not kept either: a replay is a 409 saying so.
 * Records older than 24 hours are deleted.
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  constructor(
    private readonly em: EntityManager,
    private readonly reflector: Reflector,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const request = context.switchToHttp().getRequest<Request & AuthenticatedRequest>();
    const key = request.headers['idempotency-key'];
    if (request.method !== 'POST' || typeof key !== 'string' || !key) return next.handle();
    return from(this.handle(context, next, request, key));
  }

  private readonly logger = new Logger('Idempotency');

  private purgeNowAndThen(): void {
    const now = Date.now();
    if (now - lastPurge < purgeEveryMs) return;
    lastPurge = now;
    purgeExpiredIdempotencyRecords(this.em, now).catch((err: unknown) =>
      this.logger.warn({ err }, 'could not delete expired Idempotency-Key records'),
    );
  }

  private async handle(
    context: ExecutionContext,
    next: CallHandler,
    request: Request & AuthenticatedRequest,
    key: string,
  ) {
    if (key.length > 255) throw new BadRequestException('Idempotency-Key must be at most 255 characters');
    this.purgeNowAndThen();
    const showsSecret = this.reflector.get<boolean>(SHOWS_SECRET, context.getHandler()) === true;
    const em = this.em.fork();
    const scope = request.principal?.keyId ?? request.principal?.name ?? 'anonymous';
    const requestHash = createHash('sha256')
      .update(`${request.method} ${request.originalUrl}\n${JSON.stringify(request.body ?? null)}`)
      .digest('hex');
    const existing = await em.findOne(IdempotencyRecord, { scope, key });
    if (existing && existing.createdAt.getTime() > Date.now() - dayMs) {
      if (existing.requestHash !== requestHash) {
        throw new UnprocessableEntityException(`Idempotency-Key ${key} was already used for a different request`);
      }
      if (existing.status == null)
        throw new ConflictException(`A request with Idempotency-Key ${key} is still being answered`);
      const withheld = existing.response as { secretWithheld?: boolean; id?: string } | null;
      if (showsSecret || withheld?.secretWithheld) {
        throw new ConflictException(
          `The request with Idempotency-Key ${key} already created API key ${withheld?.id ?? ''}: a key is shown once, ` +
            'so that answer is not kept and cannot be repeated. GET /api-keys lists it; revoke it and create another if the key was lost',
        );
      }
      return existing.response;
    }
    if (existing) await em.nativeDelete(IdempotencyRecord, { id: existing.id });
    const record = em.create(IdempotencyRecord, { scope, key, requestHash });
    try {
      await em.flush();
    } catch (err) {
      if (err instanceof UniqueConstraintViolationException)
        throw new ConflictException(`A request with Idempotency-Key ${key} is still being answered`);
      throw err;
    }
    try {
      const response = await lastValueFrom(next.handle(), { defaultValue: undefined });
      if (response instanceof StreamableFile) {
        // Documents are read, not created: nothing to replay.
        await em.nativeDelete(IdempotencyRecord, { id: record.id });
        return response;
      }
      record.status = this.reflector.get<number>(HTTP_CODE_METADATA, context.getHandler()) ?? HttpStatus.CREATED;
      // A secret shown once is never stored: only that it was, and the id of what was created.
      record.response = showsSecret
        ? { secretWithheld: true, id: (response as { id?: unknown } | null)?.id ?? null }
        : (response ?? null);
      await em.flush();
      return response;
    } catch (err) {
      await em.nativeDelete(IdempotencyRecord, { id: record.id });
      throw err;
    }
  }
}

/**
 * On every POST route (a test checks none is missing). Per route, not global: any interceptor puts the whole request
 * through Nest's RxJS pipeline, which the GETs, most of the API's traffic, have no use for.
 */
export const Idempotent = (options: { showsSecret?: boolean } = {}) =>
  options.showsSecret
    ? applyDecorators(SetMetadata(SHOWS_SECRET, true), UseInterceptors(IdempotencyInterceptor))
    : UseInterceptors(IdempotencyInterceptor);
