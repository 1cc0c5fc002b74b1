import { Global, Module, type DynamicModule } from '@nestjs/common';
import type { AppConfig } from '../../config';
import { APP_CONFIG } from './config.token';

/** The validated configuration under APP_CONFIG, for every module (global: most areas read a setting or two). */
@Global()
@Module({})
export class AppConfigModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: AppConfigModule,
      providers: [{ provide: APP_CONFIG, useValue: config }],
      exports: [APP_CONFIG],
    };
  }
}
