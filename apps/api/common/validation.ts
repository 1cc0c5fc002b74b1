import { BadRequestException, ValidationPipe, type ValidationError } from '@nestjs/common';

export interface FieldProblem {
  field: string;
  messages: string[];
}

/** Flattens nested class-validator errors into one entry per field path (units.0.code, ...). */
function flatten(errors: ValidationError[], parent = ''): FieldProblem[] {
  return errors.flatMap((error) => {
    const field = parent ? `${parent}.${error.property}` : error.property;
    // A missing value gets one message ("x is required"), not every rule it also fails.
    const missing = error.value === undefined || error.value === null || error.value === '';
    const constraints = error.constraints;
    const messages =
      constraints && (missing ? [constraints.isNotEmpty ?? `${field} is required`] : Object.values(constraints));
    const own = messages ? [{ field, messages }] : [];
    return [...own, ...flatten(error.children ?? [], field)];
  });
}

/** A 400 lists at most this many problems (and says how many there were): a huge bad body makes no huge answer. */
export const maxListedProblems = 50;

export function badRequest(problems: FieldProblem[]): BadRequestException {
  const details = problems.slice(0, maxListedProblems);
  const unlisted = problems.length - details.length;
  const count = unlisted ? ` (${problems.length} problems; the first ${maxListedProblems} are listed)` : '';
  const message = `Invalid request${count}: ${details.map((d) => d.messages.join('; ')).join('; ')}`;
  return new BadRequestException({ message, details });
}

/** Unknown fields are refused (a typo must not be silently ignored) and every bad field is listed. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    exceptionFactory: (errors) => badRequest(flatten(errors)),
  });
}
