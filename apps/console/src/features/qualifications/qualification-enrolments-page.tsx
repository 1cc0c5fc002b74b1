import { useEffect, useRef, useState, type ReactNode } from 'react';
import { Link, useSearchParams } from 'react-router';
import { Page } from '../../components/page';
import { ErrorMessage, Notice, StatusBadge } from '../../components/feedback';
import { QueryState } from '../../components/query-state';
import { Pagination } from '../../components/pagination';
import { useSelection } from '../../components/selection';
import { useCan } from '../../lib/access';
import { BulkRunProgress } from '../bulk-runs/bulk-run-progress';
import { useRunCompleted } from '../bulk-runs/use-run-completed';
import { RequestCredentialForm } from '../credential-requests/request-credential-form';
import type { CredentialRequest } from '../credential-requests/api';
import { AuditDetails } from './audit-explanation';
import {
  enrolmentStatuses,
  pageSize,
  useAuditEnrolment,
  useAuditQualification,
  useEnrolmentCredentials,
  useQualificationEnrolments,
  useQualifications,
  useRefreshEnrolments,
  useRequestCredential,
  useRequestCredentials,
  type QualificationEnrolment,
} from './api';
import './qualifications.css';

const auditable = new Set<string>(['Not Yet Achieved', 'Ready to be Requested']);

/**
 * The seed's "Ensure Qualification Enrolments are ready" and "Request Credentials": audit a learner (or a whole
 * qualification) to move Not Yet Achieved to Ready to be Requested, see why one is not ready, and request
 * credentials for one enrolment (its icon) or for the ticked ones (the action). Filters, page and running bulk runs
 * live in the URL.
 */
export function QualificationEnrolmentsPage() {
  const [params, setParams] = useSearchParams();
  const status = params.get('status') ?? '';
  const qualificationId = params.get('qualificationId') ?? '';
  const page = Math.max(1, Number(params.get('page')) || 1);
  const auditRun = params.get('auditRun');
  const requestRun = params.get('requestRun');
  const canRequest = useCan('requester');

  const qualifications = useQualifications();
  const enrolments = useQualificationEnrolments({
    status: status || undefined,
    qualificationId: qualificationId || undefined,
    page,
  });
  const selection = useSelection();
  const [openAudits, setOpenAudits] = useState<Set<string>>(new Set());
  const [requestFor, setRequestFor] = useState<QualificationEnrolment | 'selected' | null>(null);
  const [requested, setRequested] = useState<{ id: string; number: string; learner: string } | null>(null);
  const auditAll = useAuditQualification();
  const requestOne = useRequestCredential();
  const requestMany = useRequestCredentials();

  const rows = enrolments.data?.items ?? [];
  const learnerOf = (enrolmentId: string) => rows.find((row) => row.id === enrolmentId)?.learner.fullName;
  const qualificationOf = (id: string) => qualifications.data?.items.find((q) => q.id === id);

  function update(changes: Record<string, string | null>) {
    const next = new URLSearchParams(params);
    for (const [name, value] of Object.entries(changes)) {
      if (value) next.set(name, value);
      else next.delete(name);
    }
    setParams(next);
  }

  function filter(name: 'status' | 'qualificationId', value: string) {
    selection.clear();
    setRequestFor(null);
    update({ [name]: value, page: null });
  }

  const setAuditOpen = (id: string, open: boolean) =>
    setOpenAudits((current) => {
      if (current.has(id) === open) return current;
      const next = new Set(current);
      if (open) next.add(id);
      else next.delete(id);
      return next;
    });

  function submitRequest(request: CredentialRequest) {
    if (requestFor === 'selected') {
      const chosen = rows.filter((row) => selection.has(row.id));
      const qualificationIds = [...new Set(chosen.map((row) => row.qualification.id))];
      requestMany.mutate(
        { ...request, enrolmentIds: selection.ids },
        {
          onSuccess: ({ bulkRunId }) => {
            selection.clear();
            setRequestFor(null);
            update({ requestRun: bulkRunId, requestFor: qualificationIds.join(',') });
          },
        },
      );
    } else if (requestFor) {
      const learner = requestFor.learner.fullName;
      requestOne.mutate(
        { enrolmentId: requestFor.id, request },
        {
          onSuccess: (credential) => {
            setRequestFor(null);
            setRequested({ id: credential.id, number: credential.number, learner });
          },
        },
      );
    }
  }

  function openRequest(target: QualificationEnrolment | 'selected') {
    requestOne.reset();
    requestMany.reset();
    setRequested(null);
    setRequestFor(target);
  }

  const allTicked = rows.length > 0 && rows.every((row) => selection.has(row.id));

  return (
    <Page title="Qualification enrolments">
      <form className="filters" role="search" aria-label="Filter enrolments" onSubmit={(e) => e.preventDefault()}>
        <div>
          <label htmlFor="filter-qualification">Qualification</label>
          <select
            id="filter-qualification"
            value={qualificationId}
            onChange={(event) => filter('qualificationId', event.target.value)}
          >
            <option value="">All qualifications</option>
            {qualifications.data?.items.map((q) => (
              <option key={q.id} value={q.id}>
                {q.code} {q.title}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="filter-status">Status</label>
          <select id="filter-status" value={status} onChange={(event) => filter('status', event.target.value)}>
            <option value="">All statuses</option>
            {enrolmentStatuses.map((s) => (
              <option key={s} value={s}>
                {s}
              </option>
            ))}
          </select>
        </div>
      </form>
      <ErrorMessage error={qualifications.error} title="Qualifications" />

      {canRequest && (
        <div className="toolbar">
          {qualificationId ? (
            <button
              type="button"
              disabled={auditAll.isPending}
              onClick={() =>
                auditAll.mutate(qualificationId, { onSuccess: ({ bulkRunId }) => update({ auditRun: bulkRunId }) })
              }
            >
              Audit all
            </button>
          ) : (
            <span className="muted">Choose a qualification to audit all its enrolments.</span>
          )}
          <button
            type="button"
            disabled={selection.ids.length === 0}
            onClick={() => openRequest('selected')}
            aria-describedby="selected-count"
          >
            Request Credential
          </button>
          <span id="selected-count" className="muted">
            {selection.ids.length} selected
          </span>
        </div>
      )}
      <ErrorMessage error={auditAll.error} title="Not audited" />

      {auditRun && <AuditAllProgress id={auditRun} onHide={() => update({ auditRun: null })} />}
      {requestRun && (
        <section className="panel" aria-labelledby="request-run-heading">
          <h2 id="request-run-heading">Credential requests</h2>
          <RefreshWhenDone id={requestRun} />
          <BulkRunProgress
            id={requestRun}
            label="Credential requests"
            nameOf={learnerOf}
            whenComplete={
              <ul className="links">
                {(params.get('requestFor') ?? '')
                  .split(',')
                  .filter(Boolean)
                  .map((id) => (
                    <li key={id}>
                      <Link to={`/qualifications/${id}/credentials`}>
                        Open the credentials of {qualificationOf(id)?.code ?? 'the qualification'}
                      </Link>
                    </li>
                  ))}
              </ul>
            }
          />
          <button type="button" className="secondary" onClick={() => update({ requestRun: null, requestFor: null })}>
            Hide
          </button>
        </section>
      )}

      {requested && (
        <Notice>
          Credential {requested.number} requested for {requested.learner}: it is being generated.{' '}
          <Link to={`/credentials/${requested.id}`}>Open credential {requested.number}</Link>
        </Notice>
      )}

      {requestFor && (
        <RequestPanel
          title={`Request Credential for ${
            requestFor === 'selected'
              ? `${selection.ids.length} selected enrolment${selection.ids.length === 1 ? '' : 's'}`
              : `${requestFor.learner.fullName} (${requestFor.qualification.code})`
          }`}
          onCancel={() => setRequestFor(null)}
        >
          <RequestCredentialForm
            appliesTo="qualification"
            buttons={[{ name: 'request', label: 'Request Credential' }]}
            busy={requestOne.isPending || requestMany.isPending}
            error={requestOne.error ?? requestMany.error}
            onSubmit={submitRequest}
          />
        </RequestPanel>
      )}

      <QueryState query={enrolments} what="Loading enrolments">
        {({ items, total }) =>
          items.length === 0 ? (
            <p>No qualification enrolments match these filters.</p>
          ) : (
            <>
              <div className="table-wrap">
                <table>
                  <thead>
                    <tr>
                      {canRequest && (
                        <th scope="col">
                          <label className="inline">
                            <input
                              type="checkbox"
                              checked={allTicked}
                              onChange={(event) =>
                                selection.setAll(
                                  rows.map((row) => row.id),
                                  event.target.checked,
                                )
                              }
                            />
                            Select all
                          </label>
                        </th>
                      )}
                      <th scope="col">Learner</th>
                      <th scope="col">Qualification</th>
                      <th scope="col">Status</th>
                      <th scope="col">Audit</th>
                      <th scope="col">Credentials</th>
                      {canRequest && <th scope="col">Actions</th>}
                    </tr>
                  </thead>
                  <tbody>
                    {rows.map((enrolment) => (
                      <EnrolmentRow
                        key={enrolment.id}
                        enrolment={enrolment}
                        canRequest={canRequest}
                        ticked={selection.has(enrolment.id)}
                        onTick={() => selection.toggle(enrolment.id)}
                        auditOpen={openAudits.has(enrolment.id)}
                        onAuditOpen={(open) => setAuditOpen(enrolment.id, open)}
                        onRequest={() => openRequest(enrolment)}
                      />
                    ))}
                  </tbody>
                </table>
              </div>
              <Pagination
                page={page}
                pageSize={pageSize}
                total={total}
                onPage={(next) => {
                  selection.clear();
                  update({ page: next > 1 ? String(next) : null });
                }}
              />
            </>
          )
        }
      </QueryState>
    </Page>
  );
}

function EnrolmentRow({
  enrolment,
  canRequest,
  ticked,
  onTick,
  auditOpen,
  onAuditOpen,
  onRequest,
}: {
  enrolment: QualificationEnrolment;
  canRequest: boolean;
  ticked: boolean;
  onTick: () => void;
  auditOpen: boolean;
  onAuditOpen: (open: boolean) => void;
  onRequest: () => void;
}) {
  const audit = useAuditEnrolment();
  const { learner, qualification } = enrolment;
  return (
    <tr>
      {canRequest && (
        <td>
          <label className="inline">
            <input type="checkbox" checked={ticked} onChange={onTick} />
            <span className="visually-hidden">Select {learner.fullName}</span>
          </label>
        </td>
      )}
      <td>
        <Link to={`/learners/${learner.id}/credentials`}>{learner.fullName}</Link>
      </td>
      <td>
        <Link to={`/qualifications/${qualification.id}/credentials`}>
          <span className="mono">{qualification.code}</span> {qualification.title}
        </Link>
      </td>
      <td>
        <StatusBadge status={enrolment.status} />
      </td>
      <td className="audit-cell">
        {auditable.has(enrolment.status) && (
          <AuditDetails enrolment={enrolment} open={auditOpen} onToggle={onAuditOpen} />
        )}
        {canRequest && auditable.has(enrolment.status) && (
          <button
            type="button"
            className="secondary"
            disabled={audit.isPending}
            onClick={() => audit.mutate(enrolment.id, { onSuccess: () => onAuditOpen(true) })}
          >
            Audit<span className="visually-hidden"> {learner.fullName}</span>
          </button>
        )}
        <ErrorMessage error={audit.error} title="Not audited" />
      </td>
      <td>
        <Credentials enrolment={enrolment} />
      </td>
      {canRequest && (
        <td>
          {enrolment.status === 'Ready to be Requested' && (
            <button type="button" className="icon-button" onClick={onRequest}>
              <RequestIcon /> Request Credential
              <span className="visually-hidden"> for {learner.fullName}</span>
            </button>
          )}
        </td>
      )}
    </tr>
  );
}

function Credentials({ enrolment }: { enrolment: QualificationEnrolment }) {
  const credentials = useEnrolmentCredentials(enrolment);
  if (credentials.isError) return <ErrorMessage error={credentials.error} />;
  if (!credentials.data) return <span className="muted">…</span>;
  if (credentials.data.length === 0) return <span className="muted">None</span>;
  return (
    <ul className="credential-list">
      {credentials.data.map((credential) => (
        <li key={credential.id}>
          <Link to={`/credentials/${credential.id}`}>{credential.number}</Link> {credential.template.name}{' '}
          <StatusBadge status={credential.status} />
        </li>
      ))}
    </ul>
  );
}

/** The request form, above the table: it takes the focus when it opens, so the keyboard is where the form is. */
function RequestPanel({ title, onCancel, children }: { title: string; onCancel: () => void; children: ReactNode }) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  return (
    <section className="panel" aria-labelledby="request-heading">
      <h2 id="request-heading" ref={heading} tabIndex={-1}>
        {title}
      </h2>
      {children}
      <button type="button" className="secondary" onClick={onCancel}>
        Cancel
      </button>
    </section>
  );
}

/** Audit all's progress; when it finishes the statuses and audits on screen are read again. */
function AuditAllProgress({ id, onHide }: { id: string; onHide: () => void }) {
  return (
    <section className="panel" aria-labelledby="audit-run-heading">
      <h2 id="audit-run-heading">Audit all</h2>
      <RefreshWhenDone id={id} />
      <BulkRunProgress id={id} label="Audit all" />
      <button type="button" className="secondary" onClick={onHide}>
        Hide
      </button>
    </section>
  );
}

function RefreshWhenDone({ id }: { id: string }) {
  const refresh = useRefreshEnrolments();
  useRunCompleted(id, refresh);
  return null;
}

/** The seed's "If Individual this can be the icon": a document with a plus. */
function RequestIcon() {
  return (
    <svg aria-hidden="true" focusable="false" width="16" height="16" viewBox="0 0 16 16" className="icon">
      <path d="M3 1.5h6l3 3v10H3z M9 1.5v3h3 M7.5 7v5 M5 9.5h5" fill="none" stroke="currentColor" strokeWidth="1.4" />
    </svg>
  );
}
