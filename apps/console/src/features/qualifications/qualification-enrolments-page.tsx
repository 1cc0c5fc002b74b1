import { useState } from 'react';
import { Link } from 'react-router';
import { useUrlParams } from '../../components/url-state';
import { Page } from '../../components/page';
import { ErrorMessage, Notice } from '../../components/feedback';
import { QueryState } from '../../components/query-state';
import { Pagination } from '../../components/pagination';
import { useSelection } from '../../components/selection';
import { useCan } from '../../lib/access';
import { BulkRunProgress } from '../bulk-runs/bulk-run-progress';
import { RequestCredentialForm } from '../credential-requests/request-credential-form';
import type { CredentialRequest } from '../credential-requests/api';
import { EnrolmentRow } from './enrolment-row';
import { AuditAllProgress, RefreshWhenDone, RequestPanel } from './qualification-panels';
import {
  enrolmentStatuses,
  pageSize,
  useAuditQualification,
  useQualificationEnrolments,
  useQualifications,
  useRequestCredential,
  useRequestCredentials,
  type QualificationEnrolment,
} from './api';
import './qualifications.css';

/**
 * The seed's "Ensure Qualification Enrolments are ready" and "Request Credentials": audit a learner (or a whole
 * qualification) to move Not Yet Achieved to Ready to be Requested, see why one is not ready, and request
 * credentials for one enrolment (its icon) or for the ticked ones (the action). Filters, page and running bulk runs
 * live in the URL.
 */
export function QualificationEnrolmentsPage() {
  const [params, update] = useUrlParams();
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
