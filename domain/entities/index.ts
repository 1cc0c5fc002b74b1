import { ActionInput } from './action-input.entity';
import { ApiKey } from './api-key.entity';
import { BulkRun, type BulkRunParams } from './bulk-run.entity';
import { BulkRunItem } from './bulk-run-item.entity';
import { Course } from './course.entity';
import { CourseEnrolment } from './course-enrolment.entity';
import { CourseOffer } from './course-offer.entity';
import { Credential } from './credential.entity';
import { CredentialEvent } from './credential-event.entity';
import { CredentialTemplate } from './credential-template.entity';
import { CredentialTemplateVersion } from './credential-template-version.entity';
import { DocumentVersion } from './document-version.entity';
import { EmailMessage } from './email-message.entity';
import { IdempotencyRecord } from './idempotency-record.entity';
import { IssuerKey } from './issuer-key.entity';
import { IssuingOfficer } from './issuing-officer.entity';
import { Learner } from './learner.entity';
import { OpenBadge } from './open-badge.entity';
import { Organisation } from './organisation.entity';
import { Qualification } from './qualification.entity';
import { QualificationEnrolment } from './qualification-enrolment.entity';
import { Unit } from './unit.entity';
import { UnitResult } from './unit-result.entity';

export {
  ActionInput,
  ApiKey,
  BulkRun,
  BulkRunItem,
  Course,
  CourseEnrolment,
  CourseOffer,
  Credential,
  CredentialEvent,
  CredentialTemplate,
  CredentialTemplateVersion,
  DocumentVersion,
  IssuerKey,
  IssuingOfficer,
  Learner,
  OpenBadge,
  Organisation,
  Qualification,
  QualificationEnrolment,
  Unit,
  UnitResult,
  EmailMessage,
  IdempotencyRecord,
};
export type { BulkRunParams };

export const entities = [
  ActionInput,
  ApiKey,
  BulkRun,
  BulkRunItem,
  Course,
  CourseEnrolment,
  CourseOffer,
  Credential,
  CredentialEvent,
  CredentialTemplate,
  CredentialTemplateVersion,
  DocumentVersion,
  IssuerKey,
  IssuingOfficer,
  Learner,
  OpenBadge,
  Organisation,
  Qualification,
  QualificationEnrolment,
  Unit,
  UnitResult,
  EmailMessage,
  IdempotencyRecord,
];
