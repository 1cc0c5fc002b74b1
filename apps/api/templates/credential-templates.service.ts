import { ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { EntityManager, LockMode } from '@mikro-orm/postgresql';
import { Credential, CredentialTemplate, CredentialTemplateVersion } from '../../../domain/entities';
import type { CredentialStatus } from '../../../domain/credentials/lifecycle';
import { validateLayout, type TemplateLayout } from '../../../domain/templates/layout';
import type { Principal } from '../auth/access.decorator';
import { BulkRunsService } from '../bulk-runs/bulk-runs.service';
import { findOr404 } from '../common/find';
import { pageWindow } from '../common/pagination';
import { badRequest } from '../common/validation';
import type {
  CreateTemplateDto,
  TemplateListQuery,
  UpdateTemplateDto,
  VersionSummary,
} from './credential-templates.dto';

/** Statuses a template fix regenerates: not yet issued, not cancelled, and not mid-render. */
const regenerable: CredentialStatus[] = ['Requested', 'Generated', 'GenerationFailed'];

@Injectable()
export class CredentialTemplatesService {
  constructor(
    private readonly em: EntityManager,
    private readonly bulkRuns: BulkRunsService,
  ) {}

  /** appliesTo=course lists the templates for courses and those for both; likewise for qualifications. */
  list(query: TemplateListQuery) {
    return this.em.findAndCount(
      CredentialTemplate,
      query.appliesTo ? { appliesTo: { $in: [query.appliesTo, 'both'] } } : {},
      { orderBy: { createdAt: 'asc', id: 'asc' }, ...pageWindow(query) },
    );
  }

  /** The template with one version's layout (the current one by default) and the list of its versions. */
  async get(id: string, version?: number) {
    const template = await findOr404(this.em, CredentialTemplate, id, {}, 'Credential template');
    const versions = await this.em.find(CredentialTemplateVersion, { template }, { orderBy: { version: 'asc' } });
    const wanted = version ?? template.currentVersion;
    const shown = versions.find((v) => v.version === wanted);
    if (!shown)
      throw new NotFoundException(
        `Credential template ${id} has no version ${wanted} (versions 1 to ${template.currentVersion})`,
      );
    return { template, shown, versions: await this.withCredentialCounts(template, versions) };
  }

  /** GET /credential-templates/:id/versions: the versions, newest first, each with its count of credentials. */
  async versions(id: string): Promise<VersionSummary[]> {
    const template = await findOr404(this.em, CredentialTemplate, id, {}, 'Credential template');
    const versions = await this.em.find(CredentialTemplateVersion, { template }, { orderBy: { version: 'desc' } });
    return this.withCredentialCounts(template, versions);
  }

  /**
   * Each version with how many credentials' current documents were rendered with it (deleted credentials left out;
   * cancelled ones count: they stay on the register).
   */
  private async withCredentialCounts(
    template: CredentialTemplate,
    versions: CredentialTemplateVersion[],
  ): Promise<VersionSummary[]> {
    const counts = await this.em.execute<Array<{ version: number; credentials: number }>>(
      `select d.template_version as version, count(*)::int as credentials
         from credential c join document_version d on d.credential_id = c.id and d.version = c.document_version
        where c.template_id = ? and c.deleted_at is null
        group by d.template_version`,
      [template.id],
    );
    const byVersion = new Map(counts.map((row) => [row.version, row.credentials]));
    return versions.map(({ version, createdAt }) => ({ version, createdAt, credentials: byVersion.get(version) ?? 0 }));
  }

  async create(dto: CreateTemplateDto) {
    const layout = checkedLayout(dto.layout, dto.type);
    // Built by hand: em.create would ask for `kind`, a getter derived from builtinKey.
    const template = Object.assign(new CredentialTemplate(), {
      name: dto.name,
      type: dto.type,
      appliesTo: dto.appliesTo,
      builtinKey: null,
    });
    this.em.persist(template);
    this.em.create(CredentialTemplateVersion, {
      template,
      version: 1,
      layout: layout as unknown as Record<string, unknown>,
    });
    await this.em.flush();
    return this.get(template.id);
  }

  /** A new version; credentials keep the version they were rendered with until they are regenerated. */
  async update(id: string, dto: UpdateTemplateDto) {
    checkedLayout(dto.layout);
    await this.em.transactional(async (em) => {
      // The row lock makes two concurrent PUTs number their versions one after the other.
      const template = await em.findOne(CredentialTemplate, { id }, { lockMode: LockMode.PESSIMISTIC_WRITE });
      if (!template) throw new NotFoundException(`Credential template ${id} not found`);
      if (template.kind === 'builtin') {
        throw new ConflictException(
          `${template.name} is a built-in template and cannot be edited: create a custom template with POST /credential-templates`,
        );
      }
      // Checked again against the type the template will have: an nrtLogo element needs a Certificate or Statement.
      const layout = checkedLayout(dto.layout, dto.type ?? template.type);
      template.currentVersion += 1;
      if (dto.name !== undefined) template.name = dto.name;
      if (dto.type !== undefined) template.type = dto.type;
      if (dto.appliesTo !== undefined) template.appliesTo = dto.appliesTo;
      em.create(CredentialTemplateVersion, {
        template,
        version: template.currentVersion,
        layout: layout as unknown as Record<string, unknown>,
      });
    });
    this.em.clear();
    return this.get(id);
  }

  /**
   * After a template fix: one bulk run that regenerates every credential of this template rendered with an older
   * version and not yet issued (issued credentials are cancelled and replaced, never regenerated).
   */
  async regenerate(id: string, actor: Principal) {
    const template = await findOr404(this.em, CredentialTemplate, id, {}, 'Credential template');
    const stale = await this.em.find(
      Credential,
      { template, templateVersion: { $lt: template.currentVersion }, status: { $in: regenerable }, deletedAt: null },
      { fields: ['id'], orderBy: { createdAt: 'asc', id: 'asc' } },
    );
    const run = await this.bulkRuns.start(
      'regenerate',
      stale.map((c) => c.id),
      { actor: actor.name },
    );
    return { bulkRunId: run.bulkRunId, total: stale.length };
  }
}

/** A layout as a save checks it (against the template's type: an nrtLogo element needs a Certificate or Statement). */
export function checkedLayout(input: unknown, templateType?: string): TemplateLayout {
  const result = validateLayout(input, { templateType });
  if (!result.layout) throw badRequest(result.problems);
  return result.layout;
}
