import { ApplicationFailure } from '@temporalio/common';
import type { MikroORM } from '@mikro-orm/postgresql';
import {
  ActionInput,
  CredentialEvent,
  DocumentVersion,
  EmailMessage,
  OpenBadge,
  Organisation,
} from '../domain/entities';
import { emailMessageIdTag } from '../domain/entities/email-message.entity';
import { emailRejected, invalidState } from '../temporal/failures';
import { isPermanentEmailError, isTemporaryEmailError, type EmailSender } from './email/email-sender';
import { existingCredential } from './gone';

export interface PrepareEmail {
  credentialId: string;
  actor: string;
  /** An ActionInput with another address than the learner's. */
  inputId?: string;
  requestId?: string;
}

export interface PreparedEmail {
  emailMessageId: string;
  /** Already accepted or refused by an earlier try of the same request: nothing to send. */
  settled: boolean;
}

/** Text with every email address left out. */
export const withoutAddresses = (text: string) => text.replace(/[^\s@"'<>(),;:]+@[^\s@"'<>(),;:]+/g, '<address>');

/**
 * Email in three steps: prepare (a numbered send with its idempotency key, emailStatus Sending), send (through the
 * email port, on the rate-limited email queue; the same key on every retry, so the provider sends once), and mark
 * Sent or Failed with the provider's message. Since the `send-records-sent` patch, the send and its Sent mark are one
 * activity (sendAndRecordEmail).
 */
export function createEmailActivities({
  orm,
  emailSender,
  publicBaseUrl,
}: {
  orm: MikroORM;
  emailSender: EmailSender;
  publicBaseUrl: string;
}) {
  const activities = {
    async prepareEmail({ credentialId, actor, inputId, requestId }: PrepareEmail): Promise<PreparedEmail> {
      const em = orm.em.fork();
      const credential = await existingCredential(em, credentialId, { populate: ['learner'] });
      if (requestId) {
        const earlier = await em.findOne(EmailMessage, { credential, requestId });
        if (earlier) return { emailMessageId: earlier.id, settled: earlier.status !== 'Sending' };
      }
      if (credential.status !== 'Issued')
        throw invalidState(
          `Credential ${credential.number} is ${credential.status}: only Issued credentials are emailed`,
        );
      const to = inputId ? (await em.findOneOrFail(ActionInput, inputId)).emailTo : null;
      const last = await em.findOne(EmailMessage, { credential }, { orderBy: { sendNumber: 'desc' } });
      const sendNumber = (last?.sendNumber ?? 0) + 1;
      const documentVersion = credential.documentVersion!;
      const message = em.create(EmailMessage, {
        credential,
        sendNumber,
        documentVersion,
        requestId: requestId ?? null,
        idempotencyKey: `credential-${credential.id}-v${documentVersion}-send-${sendNumber}`,
        toAddress: to ?? credential.learner.email,
      });
      credential.emailStatus = 'Sending';
      em.create(CredentialEvent, {
        credential,
        event: 'EmailRequested',
        actor,
        detail: { to: message.toAddress, sendNumber },
      });
      await em.flush();
      return { emailMessageId: message.id, settled: false };
    },

    async sendEmail(emailMessageId: string): Promise<{ providerMessageId: string }> {
      const em = orm.em.fork();
      const message = await em.findOne(
        EmailMessage,
        { id: emailMessageId },
        { populate: ['credential.learner', 'credential.template'] },
      );
      if (!message) throw invalidState(`Email ${emailMessageId} no longer exists (its credential was removed)`);
      if (message.providerMessageId) return { providerMessageId: message.providerMessageId };
      const { credential } = message;
      const document = await em.findOneOrFail(
        DocumentVersion,
        { credential, version: message.documentVersion },
        { populate: ['pdf'] },
      );
      const organisation = await em.findOneOrFail(Organisation, { singleton: true });
      // The signed Open Badges 3.0 credential goes beside the PDF, for wallets and other systems.
      const badge = await em.findOne(OpenBadge, { credential });
      const title = credential.template.name;
      const fileName = `${title.replace(/[^A-Za-z0-9]+/g, '-')}-${credential.number}`;
      try {
        return await emailSender.send({
          to: message.toAddress,
          from: '',
          subject: `${organisation.name}: your ${title} ${credential.number}`,
          text: [
            `Dear ${credential.learner.givenName},`,
            '',
            `Please find attached your ${title} (number ${credential.number}) from ${organisation.name}.`,
            `Anyone can check it is genuine at ${publicBaseUrl}/verify/${credential.verificationCode}`,
            ...(badge
              ? [
                  '',
                  'It is also attached as a signed Open Badges 3.0 credential (the .json file), which digital wallets',
                  'and other systems that accept verifiable credentials can import.',
                ]
              : []),
            '',
            organisation.name,
          ].join('\n'),
          attachments: [
            { filename: `${fileName}.pdf`, content: document.pdf, contentType: 'application/pdf' },
            ...(badge
              ? [
                  {
                    filename: `${fileName}-open-badge.json`,
                    content: Buffer.from(badge.document, 'utf8'),
                    contentType: 'application/ld+json',
                  },
                ]
              : []),
          ],
          idempotencyKey: message.idempotencyKey,
          tags: { [emailMessageIdTag]: message.id },
        });
      } catch (err) {
        // The provider's words can quote the address: they are kept in full on the message row, and what Temporal
        // records (retries, the failure) has every address left out.
        if (isPermanentEmailError(err)) {
          message.error = err.providerMessage;
          await em.flush();
          throw emailRejected(`Credential ${credential.number}: ${withoutAddresses(err.providerMessage)}`);
        }
        if (isTemporaryEmailError(err) && err.retryAfterSeconds) {
          throw ApplicationFailure.create({
            message: withoutAddresses(err.message),
            type: 'EmailTemporary',
            nextRetryDelay: `${err.retryAfterSeconds} seconds`,
          });
        }
        if (err instanceof Error) err.message = withoutAddresses(err.message);
        throw err;
      }
    },

    async markEmailSent({
      emailMessageId,
      providerMessageId,
    }: {
      emailMessageId: string;
      providerMessageId: string;
    }): Promise<void> {
      const em = orm.em.fork();
      const message = await em.findOne(EmailMessage, { id: emailMessageId }, { populate: ['credential'] });
      // Gone with its credential: nothing left to record.
      if (!message || message.providerMessageId) return;
      message.providerMessageId = providerMessageId;
      message.sentAt = new Date();
      if (message.canAdvanceTo('Sent')) message.status = 'Sent';
      const { credential } = message;
      if (credential.emailStatus === 'Sending') credential.emailStatus = 'Sent';
      credential.emailedAt = message.sentAt;
      em.create(CredentialEvent, {
        credential,
        event: 'Emailed',
        actor: 'workflow',
        detail: { to: message.toAddress, sendNumber: message.sendNumber, providerMessageId },
      });
      await em.flush();
    },

    async markEmailFailed({ emailMessageId, error }: { emailMessageId: string; error: string }): Promise<void> {
      const em = orm.em.fork();
      const message = await em.findOne(EmailMessage, { id: emailMessageId }, { populate: ['credential'] });
      if (!message || message.status === 'Failed') return;
      message.status = 'Failed';
      message.error ??= error; // the provider's own words, when sendEmail kept them
      error = message.error;
      message.credential.emailStatus = 'Failed';
      em.create(CredentialEvent, {
        credential: message.credential,
        event: 'EmailFailed',
        actor: 'workflow',
        detail: { to: message.toAddress, error },
      });
      await em.flush();
    },

    /**
     * Send, then mark Sent, as one step: each Temporal activity costs its workflow a task and several history writes.
     * A retry after the send (the mark failed, or the worker died) sends again under the same idempotency key, which
     * the provider answers with the first send's message id; one already marked is not sent again.
     */
    async sendAndRecordEmail(emailMessageId: string): Promise<{ providerMessageId: string }> {
      const sent = await activities.sendEmail(emailMessageId);
      await activities.markEmailSent({ emailMessageId, ...sent });
      return sent;
    },
  };
  return activities;
}
