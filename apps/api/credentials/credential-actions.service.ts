import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { ActionInput, Credential } from '../../../domain/entities';
import type { CredentialAction } from '../../../temporal/credential';
import { workflowStartRelations } from '../../../temporal/client';
import type { Principal } from '../auth/access.decorator';
import { findOr404 } from '../common/find';
import { TemporalClient } from '../temporal/temporal-client';
import { CredentialsService } from './credentials.service';

/** Single actions on one credential, each delivered to its workflow so two actions never race. */
@Injectable()
export class CredentialActionsService {
  constructor(
    private readonly em: EntityManager,
    private readonly temporal: TemporalClient,
    private readonly credentials: CredentialsService,
  ) {}

  private async act(id: string, action: CredentialAction) {
    const credential = await findOr404(this.em, Credential, id, { populate: workflowStartRelations });
    return this.temporal.workflows.actOnCredential(credential, action);
  }

  async regenerate(id: string, actor: Principal) {
    await this.act(id, { kind: 'regenerate', actor: actor.name });
    return this.freshView(id);
  }

  async issue(id: string, actor: Principal) {
    await this.act(id, { kind: 'issue', actor: actor.name });
    return this.freshView(id);
  }

  async cancel(id: string, reason: string, actor: Principal) {
    await this.act(id, { kind: 'cancel', actor: actor.name, inputId: await this.saveInput({ reason }) });
    return this.freshView(id);
  }

  async remove(id: string, actor: Principal): Promise<void> {
    await this.act(id, { kind: 'delete', actor: actor.name });
  }

  async email(id: string, to: string | undefined, actor: Principal) {
    await this.act(id, {
      kind: 'email',
      actor: actor.name,
      ...(to ? { inputId: await this.saveInput({ emailTo: to }) } : {}),
    });
    return this.freshView(id);
  }

  /** Records the print in the credential's history, then hands back the PDF that was printed. */
  async print(id: string, actor: Principal) {
    const { documentVersion } = await this.act(id, { kind: 'print', actor: actor.name });
    return this.credentials.document(id, documentVersion ?? undefined);
  }

  /** Words the action carries (a reason, an address) are saved here first: the workflow is handed only their id. */
  private async saveInput(input: { reason?: string; emailTo?: string }): Promise<string> {
    const em = this.em.fork();
    const saved = em.create(ActionInput, input);
    await em.flush();
    return saved.id;
  }

  /** get() reads PostgreSQL directly, never this request's identity map, so it sees what the workflow just wrote. */
  private freshView(id: string) {
    return this.credentials.get(id);
  }
}
