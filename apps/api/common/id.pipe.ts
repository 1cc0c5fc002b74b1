import { ParseUUIDPipe } from '@nestjs/common';
import { badRequest } from './validation';

/** Path ids must be UUIDs; anything else is a 400 naming the parameter, never a database error. */
export const ParseId = new ParseUUIDPipe({
  exceptionFactory: () => badRequest([{ field: 'id', messages: ['id in the path must be a UUID'] }]),
});
