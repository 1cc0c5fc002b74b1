import { ConflictException, NotFoundException } from '@nestjs/common';
import { CredentialRequestRefused } from '../../../domain/credentials/request-course-credential';
import { badRequest } from '../common/validation';

/** A refused credential request as the API answers it: unknown things 404, a bad field 400, the state 409. */
export function toHttpError(refusal: CredentialRequestRefused): Error {
  if (refusal.kind === 'notFound') return new NotFoundException(refusal.message);
  if (refusal.kind === 'invalid') return badRequest([{ field: refusal.field ?? 'body', messages: [refusal.message] }]);
  return new ConflictException(refusal.message);
}

/** For promise chains: a refusal becomes its HTTP error, anything else is thrown as it is. */
export function refusalToHttpError(err: unknown): never {
  throw err instanceof CredentialRequestRefused ? toHttpError(err) : err;
}
