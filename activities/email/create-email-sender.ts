import type { AppConfig } from '../../apps/config';
import type { EmailSender } from './email-sender';
import { OutboxEmailSender } from './outbox-sender';
import { ResendEmailSender } from './resend-sender';

export type EmailSenderConfig = Pick<AppConfig, 'resendApiKey' | 'resendBaseUrl' | 'resendFrom' | 'dataDir'>;

/** Resend when RESEND_API_KEY is set; otherwise the local outbox in DATA_DIR/outbox. */
export function createEmailSender(config: EmailSenderConfig): EmailSender {
  if (config.resendApiKey) {
    return new ResendEmailSender({
      apiKey: config.resendApiKey,
      baseUrl: config.resendBaseUrl,
      from: config.resendFrom,
    });
  }
  return new OutboxEmailSender({ dataDir: config.dataDir, from: config.resendFrom });
}
