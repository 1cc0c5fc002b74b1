import type { CredentialType, TemplateAppliesTo } from '../entities/credential-template.entity';

/**
 * Which documents are AQF certification documentation, and what they must carry. Pure rules: the preflight
 * (GET /organisation/compliance) and generation (a credential's warnings) both ask here.
 *
 * AQF certification documentation, for our templates: the built-in testamur and statement of attainment; a custom
 * template of type Statement; a custom template of type Certificate that applies to qualifications only (one that
 * may serve courses may be a certificate of completion, which is not an AQF document). The record of results is
 * AQF documentation too, but the NRT logo must not be on it (see templates/parts/nrt-logo.tsx), and it needs none of
 * the items below beyond the organisation's name and RTO code, which every document prints.
 */
export interface TemplateFacts {
  builtinKey?: string | null;
  type: CredentialType;
  appliesTo: TemplateAppliesTo;
}

export const aqfBuiltins = ['testamur', 'statement-of-attainment'] as const;

/** The template types whose custom layouts may place the NRT logo: testamurs (Certificate) and statements. */
export const nrtLogoTypes: readonly CredentialType[] = ['Certificate', 'Statement'];

export function isAqfDocument(template: TemplateFacts): boolean {
  if (template.builtinKey) return (aqfBuiltins as readonly string[]).includes(template.builtinKey);
  return template.type === 'Statement' || (template.type === 'Certificate' && template.appliesTo === 'qualification');
}

export type ComplianceGapCode =
  'nrtLogo' | 'organisationLogo' | 'rtoCode' | 'issuingOfficerSignature' | 'nrtLogoElement';

export interface ComplianceWarning {
  code: ComplianceGapCode;
  message: string;
}

/** A national RTO code is four or five digits (training.gov.au). */
export const isRtoCode = (code: string | null | undefined) => typeof code === 'string' && /^\d{4,5}$/.test(code);

export interface DocumentFacts {
  template: TemplateFacts;
  /** A custom template's layout has an nrtLogo element (built-ins place the logo themselves). */
  layoutHasNrtLogo?: boolean;
  organisation: { rtoCode: string | null; hasLogo: boolean; hasNrtLogo: boolean } | null;
  issuingOfficer: { name: string; hasSignature: boolean } | null;
}

/**
 * What one AQF document would lack, in words an administrator can act on; empty for a document that is complete or
 * is not AQF documentation. Missing items are warnings, never refusals: practice runs before the logos arrive are
 * normal, and the warning travels with the credential.
 */
export function documentWarnings(facts: DocumentFacts): ComplianceWarning[] {
  if (!isAqfDocument(facts.template)) return [];
  const warnings: ComplianceWarning[] = [];
  const org = facts.organisation;
  if (!org?.hasNrtLogo)
    warnings.push({ code: 'nrtLogo', message: 'No Nationally Recognised Training logo: PUT /organisation nrtLogoPng' });
  if (!facts.template.builtinKey && !facts.layoutHasNrtLogo)
    warnings.push({ code: 'nrtLogoElement', message: 'The template layout has no nrtLogo element' });
  if (!org?.hasLogo)
    warnings.push({ code: 'organisationLogo', message: 'No organisation logo: PUT /organisation logoPng' });
  if (!isRtoCode(org?.rtoCode))
    warnings.push({ code: 'rtoCode', message: 'The RTO code is not a national RTO code (four or five digits)' });
  if (!facts.issuingOfficer)
    warnings.push({
      code: 'issuingOfficerSignature',
      message: 'No issuing officer: the authorised signatory is missing',
    });
  else if (!facts.issuingOfficer.hasSignature)
    warnings.push({ code: 'issuingOfficerSignature', message: 'The issuing officer has no signature image' });
  return warnings;
}

/** The facts documentWarnings needs, read from a credential about to be rendered (its relations populated). */
export function credentialDocumentFacts(
  credential: {
    template: TemplateFacts;
    issuingOfficer?: { name: string; signaturePng?: Buffer | null } | null;
  },
  organisation: { rtoCode: string; logoPng?: Buffer | null; nrtLogoPng?: Buffer | null } | null,
  layout: unknown,
): DocumentFacts {
  const elements = (layout as { elements?: Array<{ type?: string }> } | null)?.elements;
  const officer = credential.issuingOfficer;
  return {
    template: credential.template,
    layoutHasNrtLogo: Array.isArray(elements) && elements.some((e) => e?.type === 'nrtLogo'),
    organisation: organisation
      ? { rtoCode: organisation.rtoCode, hasLogo: !!organisation.logoPng, hasNrtLogo: !!organisation.nrtLogoPng }
      : null,
    issuingOfficer: officer ? { name: officer.name, hasSignature: !!officer.signaturePng } : null,
  };
}
