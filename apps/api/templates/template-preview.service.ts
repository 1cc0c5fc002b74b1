import { BadRequestException, Inject, Injectable, ServiceUnavailableException } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import type { AppConfig } from '../../config';
import { Organisation } from '../../../domain/entities';
import type { CredentialType } from '../../../domain/entities/credential-template.entity';
import { RendererUnavailableError, RenderTimeoutError } from '../../../activities/credential-generation';
import { sampleSnapshot, type SampleOptions } from '../../../templates/sample-snapshot';
import { APP_CONFIG } from '../common/config.token';
import { PreviewRenderer } from './preview-renderer';
import { checkedLayout, CredentialTemplatesService } from './credential-templates.service';

const errorText = (err: unknown) => (err instanceof Error ? err.message : String(err));

/** What an unsaved layout's sample credential says its template is: no template has this id. */
const unsavedTemplateId = '00000000-0000-4000-8000-00000000cccc';

/** Templates rendered with made-up data (and the real organisation, when set up): saved, or a layout being edited. */
@Injectable()
export class TemplatePreviewService {
  constructor(
    private readonly em: EntityManager,
    private readonly templates: CredentialTemplatesService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly renderer: PreviewRenderer,
  ) {}

  /** A saved template, its current version or an older one. */
  async preview(id: string, version?: number): Promise<{ pdf: Buffer; version: number }> {
    const { template, shown } = await this.templates.get(id, version);
    const sample = { templateId: template.id, builtinKey: template.builtinKey ?? null, version: shown.version };
    const pdf = await this.render({ ...sample, type: template.type }, shown.layout);
    return { pdf, version: shown.version };
  }

  /** A custom layout that is not saved (an editor's live preview): checked as a save would check it, then rendered. */
  async previewLayout(type: CredentialType, layout: unknown): Promise<Buffer> {
    const checked = checkedLayout(layout, type);
    return this.render({ templateId: unsavedTemplateId, builtinKey: null, version: 1, type }, checked);
  }

  private async render(sample: SampleOptions, layout: unknown): Promise<Buffer> {
    const organisation = await this.em.findOne(
      Organisation,
      { singleton: true },
      { populate: ['logoPng', 'nrtLogoPng'] },
    );
    const snapshot = sampleSnapshot({
      ...sample,
      verificationUrl: `${this.config.publicBaseUrl}/verify/SAMPLE`,
      ...(organisation ? { organisation: { name: organisation.name, rtoCode: organisation.rtoCode } } : {}),
    });
    try {
      return await this.renderer.render(
        snapshot,
        { logoPng: organisation?.logoPng ?? null, signaturePng: null, nrtLogoPng: organisation?.nrtLogoPng ?? null },
        layout,
      );
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
}
