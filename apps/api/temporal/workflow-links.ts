import { Inject, Injectable } from '@nestjs/common';
import type { AppConfig } from '../../config';
import { workflowIds } from '../../../temporal/ids';
import { APP_CONFIG } from '../common/config.token';

export interface WorkflowLink {
  workflowId: string;
  /** The workflow in the Temporal UI (TEMPORAL_UI_URL), where ops staff watch and repair it. */
  workflowUrl: string;
}

/** The address of a workflow in the Temporal Web UI. */
export function temporalUiWorkflowUrl(uiUrl: string, namespace: string, workflowId: string): string {
  return `${uiUrl}/namespaces/${encodeURIComponent(namespace)}/workflows/${encodeURIComponent(workflowId)}`;
}

/** The workflow ids API answers name (temporal/ids.ts), each with its link into the Temporal UI. */
@Injectable()
export class WorkflowLinks {
  constructor(@Inject(APP_CONFIG) private readonly config: Pick<AppConfig, 'temporalUiUrl' | 'temporalNamespace'>) {}

  credential(credentialId: string): WorkflowLink {
    return this.link(workflowIds.credential(credentialId));
  }

  bulkRun(runId: string): WorkflowLink {
    return this.link(workflowIds.bulkRun(runId));
  }

  private link(workflowId: string): WorkflowLink {
    const { temporalUiUrl, temporalNamespace } = this.config;
    return { workflowId, workflowUrl: temporalUiWorkflowUrl(temporalUiUrl, temporalNamespace, workflowId) };
  }
}
