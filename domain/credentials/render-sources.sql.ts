import type { EntityManager } from '@mikro-orm/postgresql';
import type { TemplateFacts } from '../compliance/aqf-documents';
import type { CredentialType, TemplateAppliesTo } from '../entities/credential-template.entity';
import type { PackagingRules } from '../entities/qualification.entity';
import { namedQuery, runQuery } from '../prepared-query';
import type { SnapshotSource } from './build-snapshot';

/** What generation renders a credential from: its snapshot's source, its template's facts and a custom layout. */
export interface RenderSource extends SnapshotSource {
  template: SnapshotSource['template'] & TemplateFacts;
  /** The layout of the template version the credential records; null for built-in templates. */
  layout: unknown;
}

interface RenderSourceRow {
  id: string;
  number: string;
  type: CredentialType;
  credential_date: string;
  verification_code: string;
  template_version: number;
  template_id: string;
  builtin_key: string | null;
  template_type: CredentialType;
  applies_to: TemplateAppliesTo;
  layout: unknown;
  given_name: string;
  middle_name: string | null;
  family_name: string;
  course_enrolment_id: string | null;
  completion_date: string | null;
  start_date: string | null;
  end_date: string | null;
  course_code: string | null;
  course_name: string | null;
  qualification_enrolment_id: string | null;
  qualification_code: string | null;
  qualification_title: string | null;
  packaging_rules: PackagingRules | null;
  officer_id: string | null;
  officer_name: string | null;
  officer_position: string | null;
  signature_png: Buffer | null;
}

const renderSourcesQuery = namedQuery(
  'credential-render-sources',
  `select c.id, c.number, c.type, c.credential_date, c.verification_code, c.template_version,
     t.id as template_id, t.builtin_key, t.type as template_type, t.applies_to, tv.layout,
     l.given_name, l.middle_name, l.family_name,
     ce.id as course_enrolment_id, ce.completion_date, co.start_date, co.end_date,
     course.code as course_code, course.name as course_name,
     qe.id as qualification_enrolment_id, q.code as qualification_code, q.title as qualification_title,
     q.packaging_rules,
     o.id as officer_id, o.name as officer_name, o.position as officer_position, o.signature_png
   from credential c
   join credential_template t on t.id = c.template_id
   left join credential_template_version tv
     on tv.template_id = t.id and tv.version = c.template_version and t.builtin_key is null
   join learner l on l.id = c.learner_id
   left join course_enrolment ce on ce.id = c.course_enrolment_id
   left join course_offer co on co.id = ce.course_offer_id
   left join course on course.id = co.course_id
   left join qualification_enrolment qe on qe.id = c.qualification_enrolment_id
   left join qualification q on q.id = qe.qualification_id
   left join issuing_officer o on o.id = c.issuing_officer_id
   where c.id = any(?::uuid[])`,
);

function renderSource(row: RenderSourceRow): RenderSource {
  return {
    id: row.id,
    number: row.number,
    type: row.type,
    credentialDate: row.credential_date,
    verificationCode: row.verification_code,
    templateVersion: row.template_version,
    template: { id: row.template_id, builtinKey: row.builtin_key, type: row.template_type, appliesTo: row.applies_to },
    layout: row.layout ?? null, // joined for custom templates only
    learner: { givenName: row.given_name, middleName: row.middle_name, familyName: row.family_name },
    courseEnrolment: row.course_enrolment_id
      ? {
          completionDate: row.completion_date,
          courseOffer: {
            startDate: row.start_date!,
            endDate: row.end_date!,
            course: { code: row.course_code!, name: row.course_name! },
          },
        }
      : null,
    qualificationEnrolment: row.qualification_enrolment_id
      ? {
          id: row.qualification_enrolment_id,
          qualification: {
            code: row.qualification_code!,
            title: row.qualification_title!,
            packagingRules: row.packaging_rules!,
          },
        }
      : null,
    issuingOfficer: row.officer_id
      ? {
          id: row.officer_id,
          name: row.officer_name!,
          position: row.officer_position!,
          signaturePng: row.signature_png,
        }
      : null,
  };
}

/**
 * The render sources of credentials by id, in one statement: loading them as entities with five relations, and then
 * comparing every one at each flush, cost the worker more than anything else in a generation but the render.
 */
export async function renderSources(em: EntityManager, credentialIds: string[]): Promise<Map<string, RenderSource>> {
  // An array literal, not an array: inside a transaction the ORM would spread an array into a list.
  const rows = await runQuery<RenderSourceRow>(em, renderSourcesQuery, [`{${credentialIds.join(',')}}`]);
  return new Map(rows.map((row) => [row.id, renderSource(row)]));
}
