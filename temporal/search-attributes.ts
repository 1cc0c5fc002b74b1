import { defineSearchAttributeKey, SearchAttributeType, type SearchAttributePair } from '@temporalio/common';

/** Custom search attributes (Keyword) ops staff filter on in the Temporal UI. Never personal data. */
export const searchAttributes = {
  credentialStatus: defineSearchAttributeKey('CredentialStatus', SearchAttributeType.KEYWORD),
  credentialTemplate: defineSearchAttributeKey('CredentialTemplate', SearchAttributeType.KEYWORD),
  courseOfferId: defineSearchAttributeKey('CourseOfferId', SearchAttributeType.KEYWORD),
  qualificationCode: defineSearchAttributeKey('QualificationCode', SearchAttributeType.KEYWORD),
  bulkRunId: defineSearchAttributeKey('BulkRunId', SearchAttributeType.KEYWORD),
  credentialAction: defineSearchAttributeKey('CredentialAction', SearchAttributeType.KEYWORD),
} as const;

export const searchAttributeNames = Object.values(searchAttributes).map((key) => key.name);

/** What a credential's workflow is listed by: ids and codes only. */
export interface CredentialSearchFields {
  status: string;
  templateId: string;
  courseOfferId?: string | null;
  qualificationCode?: string | null;
  bulkRunId?: string | null;
}

/** A credential workflow's search attributes, for starts from a client and from a bulk run's workflow alike. */
export function credentialSearchAttributePairs(fields: CredentialSearchFields): SearchAttributePair[] {
  const pairs: SearchAttributePair[] = [
    { key: searchAttributes.credentialStatus, value: fields.status },
    { key: searchAttributes.credentialTemplate, value: fields.templateId },
  ];
  if (fields.courseOfferId) pairs.push({ key: searchAttributes.courseOfferId, value: fields.courseOfferId });
  if (fields.qualificationCode)
    pairs.push({ key: searchAttributes.qualificationCode, value: fields.qualificationCode });
  if (fields.bulkRunId) pairs.push({ key: searchAttributes.bulkRunId, value: fields.bulkRunId });
  return pairs;
}
