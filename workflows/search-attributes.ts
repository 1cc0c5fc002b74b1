import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';

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
