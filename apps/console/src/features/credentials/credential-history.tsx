import { TableFrame } from '../../components/table-frame';
import { formatTime } from '../../lib/format';
import type { HistoryEvent } from './api';

const text = (value: unknown) => (typeof value === 'string' || typeof value === 'number' ? String(value) : '');

/** What happened, as a sentence after the actor's name ("Ada Admin issued it"). */
function what({ event, detail }: HistoryEvent): string {
  const d = detail ?? {};
  switch (event) {
    case 'Requested':
      return 'requested it';
    case 'GenerationStarted':
      return `started generating document version ${text(d.version)}`;
    case 'RegenerationStarted':
      return `started regenerating it as document version ${text(d.version)}`;
    case 'Generated':
      return `generated document version ${text(d.version)}`;
    case 'GenerationFailed':
      return `could not generate it: ${text(d.message) || 'generation failed'}`;
    case 'Issued':
      return `issued it${d.usiExemption ? ' (USI exemption)' : ''}`;
    case 'Printed':
      return `printed it (document version ${text(d.documentVersion)})`;
    case 'EmailRequested':
      return `asked for it to be emailed to ${text(d.to)}`;
    case 'Emailed':
      return `emailed it to ${text(d.to)}`;
    case 'EmailFailed':
      return `could not email it to ${text(d.to)}: ${text(d.error)}`;
    case 'Cancelled':
      return `cancelled it${d.reason ? `: ${text(d.reason)}` : ''}`;
    case 'Deleted':
      return `deleted it while ${text(d.status)}`;
    case 'ReplacementRequested':
      return `requested replacement ${text(d.replacement)}${d.reason ? `: ${text(d.reason)}` : ''}`;
    case 'ReplacementAbandoned':
      return `abandoned the replacement of ${text(d.replaced)}`;
    case 'ReissueIncomplete':
      return 'could not finish the reissue after a data fix';
    case 'OpenBadgeSigned':
      return 'signed its Open Badge';
    case 'OpenBadgeFailed':
      return `could not sign its Open Badge: ${text(d.error)}`;
    default:
      return event.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
  }
}

/** The system's own steps (the workflow, a data fix) are the system's, not a person's. */
const who = (actor: string) => (actor === 'workflow' || actor === 'system' ? 'The system' : actor);

/** The credential's history, newest first, one sentence a step. */
export function CredentialHistory({ history }: { history: HistoryEvent[] }) {
  // The API lists the steps in the order they happened; steps in the same millisecond keep that order reversed too.
  const newestFirst = history
    .map((event, order) => ({ event, order }))
    .sort((a, b) => b.event.at.localeCompare(a.event.at) || b.order - a.order)
    .map(({ event }) => event);
  return (
    <TableFrame aria-label="History" columns={['When', 'What happened']}>
      {newestFirst.map((event, i) => (
        <tr key={`${event.at}-${i}`}>
          <td className="nowrap">{formatTime(event.at)}</td>
          <td>
            {who(event.actor)} {what(event)}.
          </td>
        </tr>
      ))}
    </TableFrame>
  );
}
