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

export function badRequest(details: FieldProblem[]): BadRequestException {
  const message = `Invalid request: ${details.map((d) => d.messages.join('; ')).join('; ')}`;
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
