import { Module } from '@nestjs/common';
import { DataFixSignaller } from './data-fix.signaller';

/** Tells the data-fix workflow about corrected reference data; reference data and qualifications import it. */
@Module({
  providers: [DataFixSignaller],
  exports: [DataFixSignaller],
})
export class DataFixModule {}
