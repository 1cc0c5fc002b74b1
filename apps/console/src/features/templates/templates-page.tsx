import { useState, type FormEvent } from 'react';
import { TableFrame } from '../../components/table-frame';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { Page } from '../../components/page';
import { ErrorMessage } from '../../components/feedback';
import { QueryState } from '../../components/query-state';
import { useCan } from '../../lib/access';
import { useTemplates } from '../credential-requests/api';
import {
  appliesToChoices,
  appliesToLabel,
  credentialTypes,
  exampleLayout,
  parseLayout,
  previewTemplate,
  useCreateTemplate,
  usePdfTab,
  type AppliesTo,
} from './api';
import { LayoutEditor } from './layout-editor';
import { PreviewCell } from './preview-cell';
import './templates.css';

/**
 * The seed's "test the process with our generic templates; once confident, create custom templates": every template,
 * built-in and custom, with a preview of each on sample data; an admin starts a custom one here (`?new=1`).
 */
export function TemplatesPage() {
  const [params, setParams] = useSearchParams();
  const templates = useTemplates();
  const canPreview = useCan('requester');
  const isAdmin = useCan('admin');
  const pdfTab = usePdfTab();
  const creating = isAdmin && params.get('new') === '1';

  return (
    <Page
      title="Templates"
      actions={
        isAdmin &&
        !creating && (
          <button type="button" onClick={() => setParams({ new: '1' })}>
            New custom template
          </button>
        )
      }
    >
      {creating && <NewTemplate onClose={() => setParams({})} />}
      <ErrorMessage error={pdfTab.error} title="Cannot preview" />
      <QueryState query={templates} what="Loading templates">
        {({ items }) => (
          <TableFrame columns={['Name', 'Type', 'Applies to', 'Kind', 'Version', ...(canPreview ? ['Preview'] : [])]}>
            {items.map((template) => (
              <tr key={template.id}>
                <td>
                  <Link to={`/templates/${template.id}`}>{template.name}</Link>
                </td>
                <td>{template.type}</td>
                <td>{appliesToLabel[template.appliesTo]}</td>
                <td>{template.kind === 'builtin' ? 'Built-in' : 'Custom'}</td>
                <td className="num">{template.version}</td>
                {canPreview && (
                  <PreviewCell tab={pdfTab} load={() => previewTemplate(template.id)}>
                    Preview<span className="visually-hidden"> {template.name}</span>
                  </PreviewCell>
                )}
              </tr>
            ))}
          </TableFrame>
        )}
      </QueryState>
    </Page>
  );
}

function NewTemplate({ onClose }: { onClose: () => void }) {
  const navigate = useNavigate();
  const create = useCreateTemplate();
  const [name, setName] = useState('');
  const [type, setType] = useState<string>('Certificate');
  const [appliesTo, setAppliesTo] = useState<AppliesTo>('course');
  const [layout, setLayout] = useState(() => JSON.stringify(exampleLayout('course'), null, 2));
  const [edited, setEdited] = useState(false);
  const [invalid, setInvalid] = useState<unknown>(null);

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setInvalid(null);
    let parsed: unknown;
    try {
      parsed = parseLayout(layout);
    } catch (error) {
      return setInvalid(error);
    }
    create.mutate(
      { name: name.trim(), type, appliesTo, layout: parsed },
      { onSuccess: (template) => void navigate(`/templates/${template.id}`) },
    );
  }

  return (
    <section className="panel" aria-labelledby="new-template-heading">
      <h2 id="new-template-heading">New custom template</h2>
      <form onSubmit={submit}>
        <div className="filters">
          <div>
            <label htmlFor="template-name">Name</label>
            <input
              id="template-name"
              required
              maxLength={200}
              value={name}
              onChange={(event) => setName(event.target.value)}
            />
          </div>
          <div>
            <label htmlFor="template-type">Type</label>
            <select id="template-type" value={type} onChange={(event) => setType(event.target.value)}>
              {credentialTypes.map((t) => (
                <option key={t}>{t}</option>
              ))}
            </select>
          </div>
          <div>
            <label htmlFor="template-applies-to">Applies to</label>
            <select
              id="template-applies-to"
              value={appliesTo}
              onChange={(event) => {
                const next = event.target.value as AppliesTo;
                setAppliesTo(next);
                // Until it is edited, the example follows what the template applies to.
                if (!edited) setLayout(JSON.stringify(exampleLayout(next), null, 2));
              }}
            >
              {appliesToChoices.map((choice) => (
                <option key={choice} value={choice}>
                  {appliesToLabel[choice]}
                </option>
              ))}
            </select>
          </div>
        </div>
        <LayoutEditor
          type={type}
          text={layout}
          onChange={(text) => {
            setEdited(true);
            setLayout(text);
          }}
        />
        <div className="buttons">
          <button type="submit" disabled={create.isPending}>
            Create template
          </button>
          <button type="button" className="secondary" onClick={onClose}>
            Cancel
          </button>
        </div>
        <ErrorMessage error={invalid ?? create.error} title="Not created" />
      </form>
    </section>
  );
}
