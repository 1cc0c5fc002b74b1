/**
 * Wording the Australian VET rules require on credentials (DESIGN.md, "Compliance facts"). Kept in one place so the
 * built-ins, custom layouts (as merge fields) and the tests print and check the same words.
 */

/** On testamurs only: never on a statement of attainment or a record of results. */
export const aqfRecognitionStatement =
  'This qualification is recognised within the Australian Qualifications Framework';

/** On statements of attainment. */
export const statementOfAttainmentStatement =
  'A statement of attainment is issued by a Registered Training Organisation when an individual has completed one or more accredited units';
