import { Inject, Injectable, Logger } from '@nestjs/common';
import type { AppConfig } from '../../config';
import type { DataFixEntity } from '../../../temporal/data-fix';
import { APP_CONFIG } from '../common/config.token';
import { TemporalClient } from '../temporal/temporal-client';

/** Tells the debounced data-fix workflow of an entity that data printed on its credentials changed. */
@Injectable()
export class DataFixSignaller {
  private readonly logger = new Logger(DataFixSignaller.name);

  constructor(
    private readonly temporal: TemporalClient,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** The correction itself is already saved; if Temporal cannot be reached the reissue is logged as missed, loudly. */
  async printedDataChanged(entity: DataFixEntity, id: string): Promise<void> {
    try {
      await this.temporal.workflows.signalDataFix(entity, id, this.config.dataFixDebounceSeconds);
    } catch (err) {
      this.logger.error(
        { entity, id, err },
        'data-fix reissue could not be scheduled: reissue affected credentials by hand',
      );
    }
  }
}
