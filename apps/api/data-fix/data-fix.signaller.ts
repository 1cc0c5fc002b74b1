import { Inject, Injectable, Logger } from '@nestjs/common';
import type { AppConfig } from '../../config';
import type { DataFixEntity } from '../../../temporal/data-fix';
import { APP_CONFIG } from '../common/config.token';
import { TemporalClient } from '../temporal/temporal-client';
import type { Principal } from '../auth/access.decorator';

/** Tells the debounced data-fix workflow of an entity that data printed on its credentials changed. */
@Injectable()
export class DataFixSignaller {
  private readonly logger = new Logger(DataFixSignaller.name);

  constructor(
    private readonly temporal: TemporalClient,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * The correction itself is already saved; if Temporal cannot be reached the reissue is logged as missed, loudly. The
   * role of who corrected (and the key's id, never its name) decides whether issued credentials are reissued on their
   * own or their replacements wait for an issuer.
   */
  async printedDataChanged(entity: DataFixEntity, id: string, by: Principal): Promise<void> {
    try {
      await this.temporal.workflows.signalDataFix(entity, id, this.config.dataFixDebounceSeconds, {
        role: by.role,
        keyId: by.keyId,
      });
    } catch (err) {
      this.logger.error(
        { entity, id, err },
        'data-fix reissue could not be scheduled: reissue affected credentials by hand',
      );
    }
  }
}
