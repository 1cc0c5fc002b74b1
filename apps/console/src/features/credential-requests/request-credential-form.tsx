import { useState, type FormEvent, type ReactNode } from 'react';
import { ErrorMessage } from '../../components/feedback';
import { today } from '../../lib/format';
import { useIssuingOfficers, useTemplates, type CredentialRequest } from './api';

/**
 * The seed system's request fields: Credential Template (only those that apply), Credential Date, Issuing Officer and
 * Status Reason (both optional). `buttons` are the submit buttons; the one pressed is passed to onSubmit by name.
 */
export function RequestCredentialForm({
  appliesTo,
  buttons,
  extra,
  error,
  busy,
  onSubmit,
  onTemplate,
}: {
  appliesTo: 'course' | 'qualification';
  buttons: Array<{ name: string; label: string }>;
  extra?: ReactNode;
  error?: unknown;
  busy?: boolean;
  onSubmit: (request: CredentialRequest, button: string) => void;
  onTemplate?: (templateId: string) => void;
}) {
  const templates = useTemplates(appliesTo);
  const officers = useIssuingOfficers();
  const [templateId, setTemplateId] = useState('');
  const [credentialDate, setCredentialDate] = useState(today());
  const [issuingOfficerId, setIssuingOfficerId] = useState('');
  const [statusReason, setStatusReason] = useState('');

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const submitter = (event.nativeEvent as SubmitEvent).submitter as HTMLButtonElement | null;
    onSubmit(
      {
        templateId,
        credentialDate,
        ...(issuingOfficerId ? { issuingOfficerId } : {}),
        ...(statusReason.trim() ? { statusReason: statusReason.trim() } : {}),
      },
      submitter?.name ?? buttons[0]?.name ?? '',
    );
  }

  return (
    <form className="request-form" onSubmit={submit}>
      <label htmlFor="request-template">Credential Template</label>
      <select
        id="request-template"
        required
        value={templateId}
        onChange={(event) => {
          setTemplateId(event.target.value);
          onTemplate?.(event.target.value);
        }}
      >
        <option value="">Choose a template</option>
        {templates.data?.items.map((template) => (
          <option key={template.id} value={template.id}>
            {template.name} ({template.type})
          </option>
        ))}
      </select>
      <ErrorMessage error={templates.error} title="Templates" />

      <label htmlFor="request-date">Credential Date</label>
      <input
        id="request-date"
        type="date"
        required
        value={credentialDate}
        onChange={(event) => setCredentialDate(event.target.value)}
      />

      <label htmlFor="request-officer">Issuing Officer (optional)</label>
      <select
        id="request-officer"
        value={issuingOfficerId}
        onChange={(event) => setIssuingOfficerId(event.target.value)}
      >
        <option value="">None</option>
        {officers.data?.items.map((officer) => (
          <option key={officer.id} value={officer.id}>
            {officer.name}, {officer.position}
          </option>
        ))}
      </select>
      <ErrorMessage error={officers.error} title="Issuing officers" />

      <label htmlFor="request-reason">Credential Status Reason (optional)</label>
      <input
        id="request-reason"
        maxLength={500}
        value={statusReason}
        onChange={(event) => setStatusReason(event.target.value)}
      />
      {extra}
      <div className="buttons">
        {buttons.map((button) => (
          <button key={button.name} type="submit" name={button.name} disabled={busy}>
            {button.label}
          </button>
        ))}
      </div>
      <ErrorMessage error={error} title="Not requested" />
    </form>
  );
}
