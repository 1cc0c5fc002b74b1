import { ArgumentsHost, Catch, HttpException, HttpStatus, Logger, type ExceptionFilter } from '@nestjs/common';
import {
  CheckConstraintViolationException,
  ForeignKeyConstraintViolationException,
  UniqueConstraintViolationException,
} from '@mikro-orm/postgresql';
import type { Response } from 'express';
import { loggableUrl, type RequestWithId } from '../logging/access-log';
import { InvalidTransitionError } from '../../../domain/credentials/lifecycle';
import { ActionRefusedError } from '../../../temporal/client';

interface ErrorBody {
  statusCode: number;
  error: string;
  message: string;
  details?: unknown[];
}

const uniqueMessages: Record<string, string> = {
  learner_usi_unique: 'Another learner already has this USI',
  api_key_name_unique: 'An API key with this name already exists; names are unique, revoked keys keep theirs',
  course_code_unique: 'A course with this code already exists',
  unit_code_unique: 'A unit with this code already exists',
  qualification_code_unique: 'A qualification with this code already exists',
  course_enrolment_course_offer_id_learner_id_unique: 'This learner is already enrolled in this course offer',
  credential_active_course_template_unique: 'An active credential from this template already exists for this enrolment',
  credential_active_qualification_certificate_unique: 'This qualification enrolment already has an active certificate',
};

function body(status: number, message: string, details?: unknown[]): ErrorBody {
  const error = HttpStatus[status]
    ?.toString()
    .split('_')
    .map((w) => w[0] + w.slice(1).toLowerCase())
    .join(' ');
  return { statusCode: status, error: error ?? 'Error', message, ...(details ? { details } : {}) };
}

/** Every error leaves as {statusCode, error, message, details?}; only a defect of ours is a 500. */
@Catch()
export class ErrorsFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const response = http.getResponse<Response>();
    const answer = this.toBody(exception);
    if (answer.statusCode >= 500) {
      const request = http.getRequest<RequestWithId>();
      // The request id is the one in the access log line and the X-Request-Id the client got.
      this.logger.error(
        { err: exception, req: { id: request.id, method: request.method, url: loggableUrl(request.originalUrl) } },
        'answered 500: a defect of ours',
      );
    }
    response.status(answer.statusCode).json(answer);
  }

  private toBody(exception: unknown): ErrorBody {
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const res = exception.getResponse();
      if (typeof res === 'string') return body(status, res);
      const { message, details } = res as { message?: string | string[]; details?: unknown[] };
      const text = Array.isArray(message) ? message.join('; ') : (message ?? exception.message);
      return body(status, text, details);
    }
    if (exception instanceof InvalidTransitionError || exception instanceof ActionRefusedError) {
      return body(409, exception.message);
    }
    if (exception instanceof UniqueConstraintViolationException) {
      const constraint = /constraint "([^"]+)"/.exec(exception.message)?.[1] ?? '';
      return body(409, uniqueMessages[constraint] ?? `This would duplicate an existing record (${constraint})`);
    }
    if (exception instanceof ForeignKeyConstraintViolationException) {
      return body(409, 'This record is referenced by others and cannot be changed that way');
    }
    if (exception instanceof CheckConstraintViolationException) {
      const constraint = /constraint "([^"]+)"/.exec(exception.message)?.[1] ?? 'a rule';
      return body(400, `The request breaks ${constraint}`);
    }
    if ((exception as { type?: string })?.type === 'entity.too.large')
      return body(413, 'The request body is too large');
    return body(500, 'Internal server error');
  }
}
