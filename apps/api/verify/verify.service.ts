import { Inject, Injectable, NotFoundException } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { Credential, DocumentVersion, OpenBadge, Organisation } from '../../../domain/entities';
import type { AppConfig } from '../../config';
import { APP_CONFIG } from '../common/config.token';

export interface VerificationAnswer {
  status: 'valid' | 'cancelled' | 'replaced';
  number: string;
  learnerName: string;
  title: string;
  credentialDate: string;
  organisation: string;
  rtoCode: string | null;
  issuingOfficer: { name: string; position: string } | null;
  /** YYYY-MM-DD (UTC) the credential was cancelled, when it was. */
  cancelledOn: string | null;
  /** The issued replacement's verification URL, when status is replaced. */
  replacedBy: string | null;
  verificationUrl: string;
  /** The holder's Open Badges 3.0 credential, for valid credentials that have one. */
  openBadgeUrl: string | null;
  /** SHA-256 of the current document: a verifier can compare it with the PDF they were given. */
  sha256: string | null;
}

const codePattern = /^[A-Z2-9]{20}$/;

@Injectable()
export class VerifyService {
  constructor(
    private readonly em: EntityManager,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * What anyone holding a credential's code may learn: the minimum to check it (never an email, a date of birth or a
   * USI). Only issued credentials verify, and they keep verifying once cancelled or replaced, saying so; a draft,
   * a deleted or practice credential or an unknown code is a 404. A credential is replaced only once its replacement
   * is issued: a replacement still being made, failed or deleted changes nothing.
   */
  async verify(rawCode: string): Promise<VerificationAnswer> {
    const code = rawCode.trim().toUpperCase();
    const notFound = new NotFoundException(
      'No issued credential has this verification code: check it against the document',
    );
    if (!codePattern.test(code)) throw notFound;
    const credential = await this.em.findOne(
      Credential,
      { verificationCode: code, deletedAt: null },
      {
        populate: ['learner', 'template', 'courseEnrolment.courseOffer.course', 'qualificationEnrolment.qualification'],
      },
    );
    // Practice credentials (of a practice course offer's dummy learners) are no one's: they never verify.
    if (!credential?.issuedAt || credential.courseEnrolment?.courseOffer.practice) throw notFound;
    const replacement = await this.em.findOne(
      Credential,
      { replaces: credential.id, issuedAt: { $ne: null }, deletedAt: null },
      { fields: ['id', 'verificationCode'] },
    );
    const status = replacement
      ? 'replaced'
      : credential.status === 'Cancelled'
        ? 'cancelled'
        : credential.status === 'Issued'
          ? 'valid'
          : null;
    if (!status) throw notFound;

    // What the document printed wins over today's data: that is what the verifier holds in their hand.
    const document = credential.documentVersion
      ? await this.em.findOne(DocumentVersion, { credential, version: credential.documentVersion })
      : null;
    const printed = document?.snapshot;
    const qualification = printed?.qualification ?? credential.qualificationEnrolment?.qualification ?? null;
    const courseName = printed?.course?.name ?? credential.courseEnrolment?.courseOffer.course.name ?? null;
    const subject = qualification ? `${qualification.code} ${qualification.title}` : courseName;
    const current = printed
      ? null
      : await this.em.findOne(Organisation, { singleton: true }, { fields: ['name', 'rtoCode'] });
    const base = this.config.publicBaseUrl;
    const badge = status === 'valid' ? await this.em.count(OpenBadge, { credential: credential.id }) : 0;
    return {
      status,
      number: credential.number,
      learnerName: printed?.learner.fullName ?? credential.learner.fullName,
      title: subject ? `${credential.template.name}: ${subject}` : credential.template.name,
      credentialDate: credential.credentialDate,
      organisation: printed?.organisation.name ?? current?.name ?? '',
      rtoCode: printed?.organisation.rtoCode ?? current?.rtoCode ?? null,
      issuingOfficer: printed?.issuingOfficer
        ? { name: printed.issuingOfficer.name, position: printed.issuingOfficer.position }
        : null,
      cancelledOn:
        credential.status === 'Cancelled' && credential.cancelledAt
          ? credential.cancelledAt.toISOString().slice(0, 10)
          : null,
      replacedBy: replacement ? `${base}/verify/${replacement.verificationCode}` : null,
      verificationUrl: `${base}/verify/${credential.verificationCode}`,
      openBadgeUrl: badge ? `${base}/verify/${credential.verificationCode}/open-badge.json` : null,
      sha256: document?.sha256 ?? null,
    };
  }
}
