import {
  BadRequestException,
  ConflictException,
  Inject,
  Injectable,
  NotFoundException,
  ServiceUnavailableException,
} from '@nestjs/common';
import { EntityManager, LockMode } from '@mikro-orm/postgresql';
import type { AppConfig } from '../../config';
import { Credential, CredentialTemplate, CredentialTemplateVersion, Organisation } from '../../../domain/entities';
import type { CredentialStatus } from '../../../domain/credentials/lifecycle';
import { validateLayout, type TemplateLayout } from '../../../domain/templates/layout';
import { RendererUnavailableError, RenderTimeoutError } from '../../../activities/credential-generation';
import { PreviewRenderer } from './preview-renderer';
import { sampleSnapshot } from '../../../templates/sample-snapshot';
import type { Principal } from '../auth/access.decorator';
import { BulkRunsService } from '../bulk-runs/bulk-runs.service';
import { APP_CONFIG } from '../common/config.token';
import { findOr404 } from '../common/find';
import { pageWindow, type PageQuery } from '../common/pagination';
import { badRequest } from '../common/validation';
import type { CreateTemplateDto, UpdateTemplateDto } from './credential-templates.dto';

/** Statuses a template fix regenerates: not yet issued, not cancelled, and not mid-render. */
const errorText = (err: unknown) => (err instanceof Error ? err.message : String(err));

const regenerable: CredentialStatus[] = ['Requested', 'Generated', 'GenerationFailed'];

@Injectable()
export class CredentialTemplatesService {
  constructor(
    private readonly em: EntityManager,
    private readonly bulkRuns: BulkRunsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly renderer: PreviewRenderer,
  ) {}

  list(query: PageQuery) {
    return this.em.findAndCount(
      CredentialTemplate,
      {},
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
    return { template, shown, versions };
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

  /** The template rendered with made-up data (and the real organisation, when set up). */
  async preview(id: string, version?: number): Promise<{ pdf: Buffer; name: string; version: number }> {
    const { template, shown } = await this.get(id, version);
    const organisation = await this.em.findOne(
      Organisation,
      { singleton: true },
      { populate: ['logoPng', 'nrtLogoPng'] },
    );
    const snapshot = sampleSnapshot({
      templateId: template.id,
      builtinKey: template.builtinKey ?? null,
      version: shown.version,
      type: template.type,
      verificationUrl: `${this.config.publicBaseUrl}/verify/SAMPLE`,
      ...(organisation ? { organisation: { name: organisation.name, rtoCode: organisation.rtoCode } } : {}),
    });
    try {
      const pdf = await this.renderer.render(
        snapshot,
        { logoPng: organisation?.logoPng ?? null, signaturePng: null, nrtLogoPng: organisation?.nrtLogoPng ?? null },
        shown.layout,
      );
      return { pdf, name: template.name, version: shown.version };
    } catch (err) {
      // The render process is down or restarting: try again shortly.
      if (err instanceof RendererUnavailableError) {
        throw new ServiceUnavailableException(`The template cannot be previewed just now: ${err.message}`);
      }
      // Anything else is the template's (or its images') fault: a refusal, a react-pdf error or running out of time.
      const reason = err instanceof RenderTimeoutError ? `${err.message} (RENDER_TIMEOUT_SECONDS)` : errorText(err);
      throw new BadRequestException(`The template cannot be previewed: ${reason}`);
    }
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

function checkedLayout(input: unknown, templateType?: string): TemplateLayout {
  const result = validateLayout(input, { templateType });
  if (!result.layout) throw badRequest(result.problems);
  return result.layout;
}
