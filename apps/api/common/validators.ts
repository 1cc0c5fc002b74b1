import { registerDecorator, type ValidationArguments, type ValidationOptions } from 'class-validator';
import { usiProblem } from '../../../domain/learners/usi';

/** A real calendar date written YYYY-MM-DD (2026-02-30 is refused). */
export function isCalendarDate(value: unknown): value is string {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value);
}

export function IsCalendarDate(options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isCalendarDate',
      target: target.constructor,
      propertyName: propertyName as string,
      options: { message: `${String(propertyName)} must be a date written YYYY-MM-DD`, ...options },
      validator: { validate: isCalendarDate },
    });
}

/** Base64 text of at most maxBytes decoded bytes. */
export function IsBase64Image(maxBytes: number, options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isBase64Image',
      target: target.constructor,
      propertyName: propertyName as string,
      options: {
        message: `${String(propertyName)} must be a base64-encoded PNG of at most ${maxBytes / 1024 / 1024} MB`,
        ...options,
      },
      validator: {
        validate: (value: unknown) =>
          typeof value === 'string' &&
          /^[A-Za-z0-9+/]*={0,2}$/.test(value) &&
          value.length > 0 &&
          Math.floor((value.length * 3) / 4) <= maxBytes + 2,
      },
    });
}

/** A Unique Student Identifier: 10 characters of its alphabet, the last its Luhn mod 32 check character. */
export function IsUsi(options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isUsi',
      target: target.constructor,
      propertyName: propertyName as string,
      options: {
        message: ({ value }: ValidationArguments) =>
          usiProblem(value) === 'checkCharacter'
            ? `${String(propertyName)} is not a valid USI: its tenth character is not the check character of the first nine (check for a mistyped character)`
            : `${String(propertyName)} must be 10 characters of capital letters and digits (no I, O, 0 or 1)`,
        ...options,
      },
      validator: { validate: (value: unknown) => usiProblem(value) === null },
    });
}

/**
 * A list without repeats, checked in one pass with a Set, and only when it is a list of at most `maxSize` items: a
 * list over the size limit already fails ArrayMaxSize, and class-validator's ArrayUnique (quadratic) ran on regardless.
 */
export function UniqueItems(maxSize: number, options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'uniqueItems',
      target: target.constructor,
      propertyName: propertyName as string,
      options: { message: `${String(propertyName)} must not repeat an item`, ...options },
      validator: {
        validate: (value: unknown) => {
          if (!Array.isArray(value) || value.length > maxSize) return true;
          const seen = new Set<unknown>();
          for (const item of value) {
            if (seen.has(item)) return false;
            seen.add(item);
          }
          return true;
        },
      },
    });
}
