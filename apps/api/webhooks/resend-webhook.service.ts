import { BadRequestException, Inject, Injectable, UnauthorizedException } from '@nestjs/common';
import { EntityManager, LockMode, type FilterQuery } from '@mikro-orm/postgresql';
import { Resend } from 'resend';
import type { AppConfig } from '../../config';
import { APP_CONFIG } from '../common/config.token';
import { Credential, CredentialEvent, EmailMessage } from '../../../domain/entities';
import { emailMessageIdTag, type EmailMessageStatus } from '../../../domain/entities/email-message.entity';

export interface SvixHeaders {
  id: string | undefined;
  timestamp: string | undefined;
  signature: string | undefined;
}

/** The part of Resend's email events we use: `{type, created_at, data: {email_id, tags, bounce, failed}}`. */
export interface ResendWebhookEvent {
  type: string;
  created_at?: string;
  data?: {
    email_id?: string;
    tags?: Record<string, string> | Array<{ name: string; value: string }>;
    bounce?: { type?: string; subType?: string; message?: string };
    failed?: { reason?: string };
  };
}

export interface WebhookOutcome {
  outcome: 'applied' | 'duplicate' | 'ignored';
  reason?: string;
}

const statusOf: Record<string, Exclude<EmailMessageStatus, 'Sending' | 'Sent'>> = {
  'email.delivered': 'Delivered',
  'email.bounced': 'Bounced',
  'email.suppressed': 'Bounced', // Resend did not send: the address bounced or complained before
  'email.failed': 'Failed',
};
const historyEventOf: Record<string, string> = {
  Delivered: 'EmailDelivered',
  Bounced: 'EmailBounced',
  Failed: 'EmailFailed',
  'email.complained': 'EmailComplained',
  'email.delivery_delayed': 'EmailDeliveryDelayed',
};
const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function tagValue(tags: NonNullable<ResendWebhookEvent['data']>['tags'], name: string): string | undefined {
  if (Array.isArray(tags)) return tags.find((t) => t.name === name)?.value;
  return tags?.[name];
}

/**
 * Resend's delivery events move a credential's email to Delivered, Bounced or Failed. Events are signed the Svix way
 * (svix-id, svix-timestamp, svix-signature over the raw body); the SDK's verifier checks them. Unknown emails and
 * event types are acknowledged and ignored so Resend stops retrying; a repeated event (same svix-id) changes nothing.
 */
@Injectable()
export class ResendWebhookService {
  // The verifier never calls Resend; the SDK only insists on some key for the client object that carries it.
  private readonly webhooks = new Resend('re_webhook_verification_only').webhooks;

  constructor(
    private readonly em: EntityManager,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async receive(rawBody: Buffer | undefined, headers: SvixHeaders): Promise<WebhookOutcome> {
    const event = this.verify(rawBody, headers);
    return this.apply(event, headers.id!);
  }

  private verify(rawBody: Buffer | undefined, headers: SvixHeaders): ResendWebhookEvent {
    const secret = this.config.resendWebhookSecret;
    if (!secret)
      throw new UnauthorizedException('Resend webhooks are not accepted here: RESEND_WEBHOOK_SECRET is not configured');
    if (!headers.id || !headers.timestamp || !headers.signature) {
      throw new UnauthorizedException(
        'Missing webhook signature: the svix-id, svix-timestamp and svix-signature headers are required',
      );
    }
    if (!rawBody) throw new BadRequestException('The webhook body must be JSON (content-type: application/json)');
    let event: unknown;
    try {
      event = this.webhooks.verify({
        payload: rawBody.toString('utf8'),
        headers: { id: headers.id, timestamp: headers.timestamp, signature: headers.signature },
        webhookSecret: secret,
      });
    } catch (err) {
      throw new UnauthorizedException(`Invalid webhook signature: ${err instanceof Error ? err.message : String(err)}`);
    }
    if (typeof event !== 'object' || event === null || typeof (event as ResendWebhookEvent).type !== 'string') {
      throw new BadRequestException('The webhook body is not a Resend event ({type, created_at, data})');
    }
    return event as ResendWebhookEvent;
  }

  private async apply(event: ResendWebhookEvent, webhookId: string): Promise<WebhookOutcome> {
    const status = statusOf[event.type];
    const historyEvent = historyEventOf[status ?? event.type];
    if (!historyEvent) return { outcome: 'ignored', reason: `${event.type} events are not tracked` };
    const emailId = event.data?.email_id;
    if (!emailId) return { outcome: 'ignored', reason: 'the event names no email_id' };

    return this.em.transactional(async (em) => {
      const message = await this.findMessage(em, emailId, tagValue(event.data?.tags, emailMessageIdTag));
      if (!message) return { outcome: 'ignored', reason: `no credential email has the id ${emailId}` };
      const seen = await em.count(CredentialEvent, {
        credential: message.credential,
        detail: { webhookId },
      } as FilterQuery<CredentialEvent>);
      if (seen > 0) return { outcome: 'duplicate' };

      if (status) {
        if (!message.canAdvanceTo(status))
          return { outcome: 'ignored', reason: `the email is already ${message.status}` };
        message.status = status;
        if (status !== 'Delivered')
          message.error = event.data?.bounce?.message ?? event.data?.failed?.reason ?? event.type;
        // An older send's news must not overwrite the state of the credential's newest one.
        const newest = await em.findOne(
          EmailMessage,
          { credential: message.credential },
          { orderBy: { sendNumber: 'desc' } },
        );
        if (newest?.id === message.id) (await em.findOneOrFail(Credential, message.credential.id)).emailStatus = status;
      }
      em.create(CredentialEvent, {
        credential: message.credential,
        event: historyEvent,
        actor: 'resend',
        detail: {
          webhookId,
          emailId,
          sendNumber: message.sendNumber,
          at: event.created_at ?? null,
          ...(event.data?.bounce ? { bounce: event.data.bounce } : {}),
          ...(event.data?.failed ? { failed: event.data.failed } : {}),
        },
      });
      return { outcome: 'applied' as const };
    });
  }

  /** By provider message id; failing that, by the row id in our tag, for an event that beat the saving of that id. */
  private async findMessage(
    em: EntityManager,
    emailId: string,
    taggedId: string | undefined,
  ): Promise<EmailMessage | null> {
    const lock = { lockMode: LockMode.PESSIMISTIC_WRITE };
    const byProviderId = await em.findOne(EmailMessage, { providerMessageId: emailId }, lock);
    if (byProviderId || !taggedId || !uuidPattern.test(taggedId)) return byProviderId;
    const byTag = await em.findOne(EmailMessage, { id: taggedId, providerMessageId: null }, lock);
    if (byTag) byTag.providerMessageId = emailId;
    return byTag;
  }
}
