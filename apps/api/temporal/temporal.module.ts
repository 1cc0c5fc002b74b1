import { Global, Module } from '@nestjs/common';
import { TemporalClient } from './temporal-client';

/** The one Temporal connection of the API, shared like the database's (global): one client, closed at shutdown. */
@Global()
@Module({
  providers: [TemporalClient],
  exports: [TemporalClient],
})
export class TemporalModule {}
