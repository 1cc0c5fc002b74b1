import type { FormEvent, ReactNode } from 'react';
import { ErrorMessage } from '../../components/feedback';
import { useIssuingOfficers, useTemplates } from '../credential-requests/api';
import { words } from '../../lib/words';
import { credentialStatuses, credentialTypes, emailStatuses, type FilterName, type Filters } from './api';

type Change = Partial<Record<FilterName, string | undefined>>;

/**
 * The register's search and filters. Lists and dates apply as they change; the text fields (name or number, bulk run)
 * apply on Search or Enter, so typing does not query 100,000 credentials a keystroke at a time.
 */
export function RegisterFilters({
  filters,
  onChange,
  ready,
}: {
  filters: Filters;
  onChange: (change: Change) => void;
  /** The register has answered: the template and officer lists load now, so they never hold up its rows. */
  ready: boolean;
}) {
  function search(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    onChange({
      q: String(form.get('q') ?? '').trim() || undefined,
      bulkRunId: String(form.get('bulkRunId') ?? '').trim() || undefined,
    });
  }

  const select = (name: FilterName, label: string, options: Array<[string, string]> | ReactNode, any = 'Any') => (
    <div>
      <label htmlFor={`filter-${name}`}>{label}</label>
      <select
        id={`filter-${name}`}
        value={filters[name] ?? ''}
        onChange={(event) => onChange({ [name]: event.target.value || undefined })}
      >
        <option value="">{any}</option>
        {Array.isArray(options) ? <Options options={options} /> : options}
      </select>
    </div>
  );
  const date = (name: 'from' | 'to', label: string) => (
    <div>
      <label htmlFor={`filter-${name}`}>{label}</label>
      <input
        id={`filter-${name}`}
        type="date"
        value={filters[name] ?? ''}
        onChange={(event) => onChange({ [name]: event.target.value || undefined })}
      />
    </div>
  );
  const active = Object.values(filters).some(Boolean);

  return (
    <div className="register-filters">
      <form
        role="search"
        aria-label="Credentials"
        className="filters"
        onSubmit={search}
        key={`${filters.q ?? ''}|${filters.bulkRunId ?? ''}`}
      >
        <div className="register-search">
          <label htmlFor="filter-q">Learner name or credential number</label>
          <input id="filter-q" name="q" type="search" maxLength={100} defaultValue={filters.q ?? ''} />
        </div>
        <div>
          <label htmlFor="filter-bulkRunId">Bulk run</label>
          <input
            id="filter-bulkRunId"
            name="bulkRunId"
            className="mono"
            placeholder="Run ID"
            defaultValue={filters.bulkRunId ?? ''}
          />
        </div>
        <div className="buttons">
          <button type="submit">Search</button>
        </div>
      </form>
      <div className="filters" role="group" aria-label="Filters">
        {select(
          'status',
          'Status',
          credentialStatuses.map((s) => [s, words(s)]),
        )}
        {select(
          'type',
          'Type',
          credentialTypes.map((t) => [t, t]),
        )}
        {select('templateId', 'Template', ready && <TemplateOptions />)}
        {date('from', 'Credential date from')}
        {date('to', 'Credential date to')}
        {select(
          'emailStatus',
          'Email status',
          emailStatuses.map((s) => [s, words(s)]),
        )}
        {select('printed', 'Printed', [
          ['true', 'Yes'],
          ['false', 'No'],
        ])}
        {select('issuingOfficerId', 'Issuing officer', ready && <OfficerOptions />)}
        <div className="register-check">
          <label className="inline">
            <input
              type="checkbox"
              checked={filters.overdue === 'true'}
              onChange={(event) => onChange({ overdue: event.target.checked ? 'true' : undefined })}
            />
            Overdue only
          </label>
        </div>
        {active && (
          <div className="buttons">
            <button
              type="button"
              className="secondary"
              onClick={() => onChange(Object.fromEntries(Object.keys(filters).map((name) => [name, undefined])))}
            >
              Clear filters
            </button>
          </div>
        )}
      </div>
      {ready && <ListErrors />}
    </div>
  );
}

function Options({ options }: { options: Array<[string, string]> }) {
  return options.map(([value, text]) => (
    <option key={value} value={value}>
      {text}
    </option>
  ));
}

function TemplateOptions() {
  const templates = useTemplates();
  return <Options options={(templates.data?.items ?? []).map((t) => [t.id, t.name])} />;
}

function OfficerOptions() {
  const officers = useIssuingOfficers();
  return <Options options={(officers.data?.items ?? []).map((o) => [o.id, o.name])} />;
}

/** Why the template or officer list is missing, if it is (the same queries as the options: asked for once). */
function ListErrors() {
  const templates = useTemplates();
  const officers = useIssuingOfficers();
  return (
    <>
      <ErrorMessage error={templates.error} title="Templates" />
      <ErrorMessage error={officers.error} title="Issuing officers" />
    </>
  );
}
