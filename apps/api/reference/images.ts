import { assertPng, InvalidImageError } from '../../../domain/images/png';
import { badRequest } from '../common/validation';

/** Decodes a base64 PNG field, or answers 400 naming the field and what is wrong with it. */
export function decodePng(field: string, base64: string | undefined | null): Buffer | null | undefined {
  if (base64 === undefined || base64 === null) return base64;
  const bytes = Buffer.from(base64, 'base64');
  try {
    assertPng(bytes, field);
  } catch (err) {
    if (err instanceof InvalidImageError) throw badRequest([{ field, messages: [err.message] }]);
    throw err;
  }
  return bytes;
}
