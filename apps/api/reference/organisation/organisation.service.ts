import { Injectable, NotFoundException } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import {
  Credential,
  CredentialTemplate,
  CredentialTemplateVersion,
  IssuingOfficer,
  Organisation,
} from '../../../../domain/entities';
import { isAqfDocument, isRtoCode } from '../../../../domain/compliance/aqf-documents';
import { InvalidImageError } from '../../../../domain/images/png';
import { svgToPng } from '../../../../domain/images/svg';
import { badRequest } from '../../common/validation';
import { decodePng } from '../images';
import type { PutOrganisationDto } from './organisation.dto';

interface TemplateRef {
  id: string;
  name: string;
  type: string;
  version: number;
}

/** One thing AQF certification documentation would still lack, and the templates whose documents it affects. */
export interface ComplianceItem {
  code: string;
  message: string;
  templates: TemplateRef[];
  issuingOfficers?: Array<{ id: string; name: string }>;
  credentials?: number;
}

@Injectable()
export class OrganisationService {
  constructor(private readonly em: EntityManager) {}

  async get(): Promise<Organisation> {
    const organisation = await this.em.findOne(
      Organisation,
      { singleton: true },
      { populate: ['logoPng', 'nrtLogoPng'] },
    );
    if (!organisation) throw new NotFoundException('The organisation is not set up yet: PUT /organisation');
    return organisation;
  }

  async put(dto: PutOrganisationDto): Promise<Organisation> {
    const logoPng = decodePng('logoPng', dto.logoPng);
    const nrtLogoPng = this.nrtLogo(dto);
    const organisation =
      (await this.em.findOne(Organisation, { singleton: true }, { populate: ['logoPng', 'nrtLogoPng'] })) ??
      this.em.create(Organisation, { name: dto.name, rtoCode: dto.rtoCode });
    organisation.name = dto.name;
    organisation.rtoCode = dto.rtoCode;
    if (logoPng !== undefined) organisation.logoPng = logoPng;
    if (nrtLogoPng !== undefined) organisation.nrtLogoPng = nrtLogoPng;
    await this.em.flush();
    return organisation;
  }

  /** The NRT logo as PNG bytes: given as PNG (checked like every image) or as SVG (rendered to PNG here, once). */
  private nrtLogo(dto: PutOrganisationDto): Buffer | null | undefined {
    if (dto.nrtLogoPng != null && dto.nrtLogoSvg != null) {
      throw badRequest([{ field: 'nrtLogoSvg', messages: ['give nrtLogoPng or nrtLogoSvg, not both'] }]);
    }
    if (dto.nrtLogoSvg != null) {
      try {
        return svgToPng(dto.nrtLogoSvg, 'nrtLogoSvg');
      } catch (err) {
        if (err instanceof InvalidImageError) throw badRequest([{ field: 'nrtLogoSvg', messages: [err.message] }]);
        throw err;
      }
    }
    if (dto.nrtLogoPng === null || dto.nrtLogoSvg === null) return null;
    return decodePng('nrtLogoPng', dto.nrtLogoPng);
  }

  /**
   * The preflight: what AQF certification documentation (testamurs, statements of attainment) would still lack if
   * generated now, each item with the templates it affects. Nothing here blocks generating or issuing.
   */
  async compliance(): Promise<{ ready: boolean; items: ComplianceItem[] }> {
    const em = this.em.fork();
    const organisation = await em.findOne(Organisation, { singleton: true }, { populate: ['logoPng', 'nrtLogoPng'] });
    const templates = (await em.find(CredentialTemplate, {}, { orderBy: { name: 'asc', id: 'asc' } })).filter((t) =>
      isAqfDocument(t),
    );
    const refs = (list: CredentialTemplate[]): TemplateRef[] =>
      list.map((t) => ({ id: t.id, name: t.name, type: t.type, version: t.currentVersion }));
    const items: ComplianceItem[] = [];
    if (!organisation) {
      items.push({
        code: 'organisation',
        message: 'The organisation is not set up: PUT /organisation',
        templates: refs(templates),
      });
    }
    if (!organisation?.nrtLogoPng) {
      items.push({
        code: 'nrtLogo',
        message: 'No Nationally Recognised Training logo: upload it with PUT /organisation (nrtLogoPng or nrtLogoSvg)',
        templates: refs(templates),
      });
    }
    if (!organisation?.logoPng) {
      items.push({
        code: 'organisationLogo',
        message: 'No organisation logo: upload it with PUT /organisation (logoPng)',
        templates: refs(templates),
      });
    }
    if (organisation && !isRtoCode(organisation.rtoCode)) {
      items.push({
        code: 'rtoCode',
        message: `The RTO code "${organisation.rtoCode}" is not a national RTO code (four or five digits)`,
        templates: refs(templates),
      });
    }
    const officers = await em.find(IssuingOfficer, {}, { populate: ['signaturePng'], orderBy: { name: 'asc' } });
    const unsigned = officers.filter((o) => !o.signaturePng);
    if (!officers.length || unsigned.length) {
      items.push({
        code: 'issuingOfficerSignature',
        message: officers.length
          ? 'Issuing officers without a signature image: credentials they issue print no signature (POST /issuing-officers with signaturePng)'
          : 'No issuing officer: testamurs need an authorised signatory (POST /issuing-officers with signaturePng)',
        templates: refs(templates),
        issuingOfficers: unsigned.map((o) => ({ id: o.id, name: o.name })),
      });
    }
    const custom = templates.filter((t) => !t.builtinKey);
    if (custom.length) {
      const versions = await em.find(CredentialTemplateVersion, {
        $or: custom.map((t) => ({ template: t, version: t.currentVersion })),
      });
      const lacking = custom.filter((t) => {
        const layout = versions.find((v) => v.template.id === t.id)?.layout as { elements?: Array<{ type?: string }> };
        return !layout?.elements?.some((e) => e.type === 'nrtLogo');
      });
      if (lacking.length) {
        items.push({
          code: 'nrtLogoElement',
          message:
            'Custom AQF templates whose current layout has no nrtLogo element: add one (PUT /credential-templates/:id)',
          templates: refs(lacking),
        });
      }
    }
    // Credentials (not cancelled or deleted) rendered with a template version older than a fix.
    const outdated: Array<TemplateRef & { credentials: number }> = [];
    for (const t of templates) {
      const count = await em.count(Credential, {
        template: t,
        templateVersion: { $lt: t.currentVersion },
        status: { $ne: 'Cancelled' },
        deletedAt: null,
      });
      if (count) outdated.push({ ...refs([t])[0]!, credentials: count });
    }
    if (outdated.length) {
      items.push({
        code: 'templateVersionOutdated',
        message:
          'Credentials rendered with a template version older than its current one: regenerate them (POST /credential-templates/:id/regenerate); issued ones are cancelled and replaced',
        templates: outdated,
        credentials: outdated.reduce((sum, t) => sum + t.credentials, 0),
      });
    }
    const [row] = await em
      .getConnection()
      .execute<Array<{ warned: number }>>(
        `select count(*)::int as warned from credential where compliance_warnings is not null and status <> 'Cancelled' and deleted_at is null`,
      );
    const warned = row?.warned ?? 0;
    if (warned) {
      items.push({
        code: 'documentsWithWarnings',
        message:
          'Credentials whose current document was rendered while something was missing: GET /credentials?complianceWarnings=true',
        templates: [],
        credentials: warned,
      });
    }
    return { ready: items.length === 0, items };
  }
}
