import { Entity, Enum, ManyToOne, Property, Unique, type Opt } from '@mikro-orm/core';
import { BaseEntity } from './base';
import { Credential } from './credential.entity';

export const emailMessageStatuses = ['Sending', 'Sent', 'Delivered', 'Bounced', 'Failed'] as const;
export type EmailMessageStatus = (typeof emailMessageStatuses)[number];

/**
 * The Resend tag the email step sets to the row's id: webhooks carry tags back, so an event that outruns the saving of
 * providerMessageId still finds its row.
 */
export const emailMessageIdTag = 'email_message_id';

/** How far along a message is; a webhook may only move it forward (a late "delivered" never undoes a bounce). */
const progress: Record<EmailMessageStatus, number> = { Sending: 0, Sent: 1, Delivered: 2, Bounced: 3, Failed: 3 };

/**
 * One row per email send of a credential: the idempotency key the provider saw, the provider's message id (how
 * Resend's webhooks find the credential) and the delivery status. Counting rows per key shows duplicate emails.
 */
@Entity()
@Unique({ properties: ['credential', 'sendNumber'] })
export class EmailMessage extends BaseEntity {
  @ManyToOne(() => Credential)
  credential!: Credential;

  /** 1 for the credential's first email, 2 for the next send, and so on. */
  @Property({ type: 'integer' })
  sendNumber!: number;

  /** The document version attached. */
  @Property({ type: 'integer' })
  documentVersion!: number;

  /** Derived from credential id, document version and send number; Resend accepts up to 256 characters. */
  @Property({ type: 'string', length: 256 })
  @Unique()
  idempotencyKey!: string;

  @Property({ type: 'string' })
  toAddress!: string;

  /** The request that asked for this send (a bulk step's id): its retry finds this row instead of sending again. */
  @Property({ type: 'string', nullable: true })
  requestId?: string | null;

  /** Resend's email id (or the outbox's); null until the provider has accepted the message. */
  @Property({ type: 'string', nullable: true })
  @Unique()
  providerMessageId?: string | null;

  @Enum({ items: () => emailMessageStatuses, default: 'Sending' })
  status: EmailMessageStatus & Opt = 'Sending';

  /** The provider's message when it refused or could not deliver. */
  @Property({ type: 'text', nullable: true })
  error?: string | null;

  @Property({ type: 'datetime', columnType: 'timestamptz', nullable: true })
  sentAt?: Date | null;

  /** Whether `status` would be a step forward from the current one. */
  canAdvanceTo(status: EmailMessageStatus): boolean {
    return progress[status] > progress[this.status as EmailMessageStatus];
  }
}
