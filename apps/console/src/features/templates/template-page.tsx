import { useState } from 'react';
import { TableFrame } from '../../components/table-frame';
import { Link, useParams, useSearchParams } from 'react-router';
import { Page } from '../../components/page';
import { ErrorMessage, Loading, Notice } from '../../components/feedback';
import { QueryState } from '../../components/query-state';
import { useCan } from '../../lib/access';
import { formatTime } from '../../lib/format';
import { BulkRunProgress } from '../bulk-runs/bulk-run-progress';
import { useRunCompleted } from '../bulk-runs/use-run-completed';
import {
  appliesToLabel,
  parseLayout,
  previewTemplate,
  useRefreshTemplate,
  usePdfTab,
  useRegenerateOlder,
  useSaveVersion,
  useTemplate,
  useTemplateVersions,
  type TemplateDetail,
} from './api';
import { LayoutEditor } from './layout-editor';
import { PreviewCell } from './preview-cell';
import './templates.css';

/**
 * One template: its facts, its versions (with how many credentials each carries) and a preview of any of them; for a
 * custom one, the admin's layout editor with a live preview, and the issuer's regeneration of credentials still on
 * older versions after a fix (a running regeneration is in the URL, so a reload keeps following it).
 */
export function TemplatePage() {
  const { templateId = '' } = useParams();
  const template = useTemplate(templateId);
  const isAdmin = useCan('admin');

  if (template.isPending) return <Loading what="Loading the template" />;
  if (template.isError) {
    return (
      <Page title="Template">
        <ErrorMessage error={template.error} />
        <p>
          <Link to="/templates">All templates</Link>
        </p>
      </Page>
    );
  }
  const t = template.data;
  return (
    <Page title={t.name}>
      <p>
        <Link to="/templates">All templates</Link>
      </p>
      <dl className="facts">
        <dt>Type</dt>
        <dd>{t.type}</dd>
        <dt>Applies to</dt>
        <dd>{appliesToLabel[t.appliesTo]}</dd>
        <dt>Kind</dt>
        <dd>
          {t.kind === 'builtin'
            ? 'Built-in: its design is part of the software and cannot be edited here; start a custom template to change it'
            : 'Custom layout'}
        </dd>
        <dt>Current version</dt>
        <dd>{t.version}</dd>
      </dl>
      <Versions template={t} />
      {t.kind === 'custom' && isAdmin && <EditLayout template={t} />}
      {t.kind === 'custom' && !isAdmin && t.layout && (
        <details className="layout-json">
          <summary>Layout (JSON) of version {t.layoutVersion}</summary>
          <pre className="mono">{JSON.stringify(t.layout, null, 2)}</pre>
        </details>
      )}
    </Page>
  );
}

function Versions({ template }: { template: TemplateDetail }) {
  const versions = useTemplateVersions(template.id);
  const canPreview = useCan('requester');
  const canRegenerate = useCan('issuer');
  const [params, setParams] = useSearchParams();
  const regenerateRun = params.get('regenerateRun');
  const regenerate = useRegenerateOlder(template.id);
  const refresh = useRefreshTemplate(template.id);
  const pdfTab = usePdfTab();
  const [nothing, setNothing] = useState(false);
  useRunCompleted(regenerateRun, refresh);

  const older = (versions.data ?? [])
    .filter((v) => v.version < template.version)
    .reduce((sum, v) => sum + v.credentials, 0);

  return (
    <>
      <h2>Versions</h2>
      <ErrorMessage error={pdfTab.error} title="Cannot preview" />
      <QueryState query={versions} what="Loading versions">
        {(list) => (
          <TableFrame columns={['Version', 'Created', 'Credentials', ...(canPreview ? ['Preview'] : [])]}>
            {list.map((v) => (
              <tr key={v.version}>
                <td>
                  Version {v.version}
                  {v.version === template.version && ' (current)'}
                </td>
                <td>{formatTime(v.createdAt)}</td>
                <td className="num">{v.credentials}</td>
                {canPreview && (
                  <PreviewCell tab={pdfTab} load={() => previewTemplate(template.id, v.version)}>
                    Preview version {v.version}
                  </PreviewCell>
                )}
              </tr>
            ))}
          </TableFrame>
        )}
      </QueryState>

      {canRegenerate && template.version > 1 && (
        <section className="panel" aria-labelledby="regenerate-heading">
          <h2 id="regenerate-heading">Credentials on older versions</h2>
          <p>
            {older} credential{older === 1 ? ' is' : 's are'} on an older version. Regenerating renders those not yet
            issued with version {template.version}; issued credentials keep theirs (cancel and replace them instead).
          </p>
          <button
            type="button"
            disabled={regenerate.isPending}
            onClick={() => {
              setNothing(false);
              regenerate.mutate(undefined, {
                onSuccess: ({ bulkRunId, total }) => {
                  if (total === 0) setNothing(true);
                  else setParams({ regenerateRun: bulkRunId });
                },
              });
            }}
          >
            Regenerate credentials on older versions
          </button>
          <ErrorMessage error={regenerate.error} title="Not regenerated" />
          {nothing && <Notice>Nothing to regenerate: no credential not yet issued is on an older version.</Notice>}
          {regenerateRun && (
            <BulkRunProgress
              id={regenerateRun}
              label="Regenerating credentials"
              whenComplete={<Link to={`/bulk-runs/${regenerateRun}`}>Open the bulk run</Link>}
            />
          )}
        </section>
      )}
    </>
  );
}

function EditLayout({ template }: { template: TemplateDetail }) {
  const [text, setText] = useState(() => JSON.stringify(template.layout, null, 2));
  const save = useSaveVersion(template.id);
  const [invalid, setInvalid] = useState<unknown>(null);
  const [saved, setSaved] = useState<number | null>(null);

  function submit() {
    setInvalid(null);
    setSaved(null);
    let layout: unknown;
    try {
      layout = parseLayout(text);
    } catch (error) {
      return setInvalid(error);
    }
    save.mutate(layout, { onSuccess: (next) => setSaved(next.version) });
  }

  return (
    <section aria-labelledby="layout-heading">
      <h2 id="layout-heading">Layout</h2>
      <LayoutEditor type={template.type} text={text} onChange={setText} />
      <div className="buttons">
        <button type="button" disabled={save.isPending} onClick={submit}>
          Save new version
        </button>
      </div>
      <ErrorMessage error={invalid ?? save.error} title="Not saved" />
      {saved && <Notice>Saved as version {saved}.</Notice>}
    </section>
  );
}
