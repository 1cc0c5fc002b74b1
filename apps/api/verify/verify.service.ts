import { Injectable, NotFoundException } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { Credential, DocumentVersion, Organisation } from '../../../domain/entities';

export interface VerificationAnswer {
  status: 'valid' | 'cancelled' | 'replaced';
  number: string;
  learnerName: string;
  title: string;
  credentialDate: string;
  organisation: string;
  /** SHA-256 of the current document: a verifier can compare it with the PDF they were given. */
  sha256: string | null;
}

const codePattern = /^[A-Z2-9]{20}$/;

@Injectable()
export class VerifyService {
  constructor(private readonly em: EntityManager) {}

  /**
   * What anyone holding a credential's code may learn: the minimum to check it (never an email, a date of birth or a
   * USI). Only issued credentials verify, and they keep verifying once cancelled or replaced, saying so; a draft,
   * a deleted credential or an unknown code is a 404.
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
    if (!credential) throw notFound;
    const replacement = await this.em.findOne(Credential, { replaces: credential.id }, { fields: ['id'] });
    const status = replacement
      ? 'replaced'
      : credential.status === 'Cancelled'
        ? 'cancelled'
        : credential.status === 'Issued'
          ? 'valid'
          : null;
    if (!status || (status === 'cancelled' && !credential.issuedAt)) throw notFound;

    // What the document printed wins over today's data: that is what the verifier holds in their hand.
    const document = credential.documentVersion
      ? await this.em.findOne(DocumentVersion, { credential, version: credential.documentVersion })
      : null;
    const printed = document?.snapshot;
    const qualification = printed?.qualification ?? credential.qualificationEnrolment?.qualification ?? null;
    const courseName = printed?.course?.name ?? credential.courseEnrolment?.courseOffer.course.name ?? null;
    const subject = qualification ? `${qualification.code} ${qualification.title}` : courseName;
    const organisation =
      printed?.organisation.name ??
      (await this.em.findOne(Organisation, { singleton: true }, { fields: ['name'] }))?.name ??
      '';
    return {
      status,
      number: credential.number,
      learnerName: printed?.learner.fullName ?? credential.learner.fullName,
      title: subject ? `${credential.template.name}: ${subject}` : credential.template.name,
      credentialDate: credential.credentialDate,
      organisation,
      sha256: document?.sha256 ?? null,
    };
  }
}
