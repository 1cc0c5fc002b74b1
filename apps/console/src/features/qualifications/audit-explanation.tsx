import { ErrorMessage, Loading } from '../../components/feedback';
import { formatDate } from '../../lib/format';
import { useAudit, type AuditedUnit, type AuditResult, type QualificationEnrolment } from './api';

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

function placeOf(unit: AuditedUnit): string {
  if (unit.place === 'group') return `group ${unit.group}`;
  return unit.place === 'listed' ? 'listed elective' : unit.place === 'imported' ? 'imported' : 'core';
}

const notCounting: Record<string, string> = {
  'not achieved': 'not achieved',
  'over group maximum': 'over its group’s maximum',
  'over imported maximum': 'over the imported maximum',
  'extra elective': 'not needed: enough electives already count',
};

/**
 * Why an enrolment is (not) ready, from the audit: core units missing, group shortfalls (needed against counted),
 * electives counted, and the units that do not count. Opened on demand: the audit is read only when asked for.
 */
export function AuditDetails({
  enrolment,
  open,
  onToggle,
}: {
  enrolment: QualificationEnrolment;
  open: boolean;
  onToggle: (open: boolean) => void;
}) {
  const audit = useAudit(enrolment.id, open);
  const label = enrolment.status === 'Not Yet Achieved' ? 'Why not ready' : 'Audit result';
  return (
    <details className="audit" open={open} onToggle={(event) => onToggle(event.currentTarget.open)}>
      <summary>
        {label}
        <span className="visually-hidden"> for {enrolment.learner.fullName}</span>
      </summary>
      {audit.isPending && open && <Loading what="Auditing" />}
      <ErrorMessage error={audit.error} title="Cannot audit" />
      {audit.data && <AuditExplanation audit={audit.data} />}
    </details>
  );
}

export function AuditExplanation({ audit }: { audit: AuditResult }) {
  const byCode = new Map(audit.units.map((unit) => [unit.unitCode, unit]));
  const electives = audit.units.filter((unit) => unit.counted === 'elective');
  const uncounted = audit.units.filter((unit) => unit.place !== 'core' && unit.counted in notCounting);
  return (
    <div className="audit-explanation">
      <p>
        <strong>{audit.status}</strong>
        {audit.requirementsMetOn && `: requirements met on ${formatDate(audit.requirementsMetOn)}`}
      </p>
      <ul className="reasons" aria-label="Reasons">
        {audit.reasons.map((reason) => (
          <li key={reason}>{reason}</li>
        ))}
      </ul>

      <p>
        Core units: {audit.coreRequired - audit.coreMissing.length} of {audit.coreRequired} achieved
      </p>
      {audit.coreMissing.length > 0 && (
        <>
          <p className="audit-label">Core units missing</p>
          <ul aria-label="Core units missing">
            {audit.coreMissing.map((code) => {
              const unit = byCode.get(code);
              return (
                <li key={code}>
                  <span className="mono">{code}</span>:{' '}
                  {unit
                    ? `latest outcome ${unit.outcome} ${unit.outcomeMeaning} (${formatDate(unit.date)})`
                    : 'no result yet'}
                </li>
              );
            })}
          </ul>
        </>
      )}

      {audit.groupShortfalls.length > 0 && (
        <>
          <p className="audit-label">Elective groups short</p>
          <ul aria-label="Elective groups short">
            {audit.groupShortfalls.map((shortfall) => (
              <li key={shortfall.group}>
                Group {shortfall.group}: needs {shortfall.needed}, counted {shortfall.have}
              </li>
            ))}
          </ul>
        </>
      )}

      <p>
        Electives counted: {audit.electivesAchieved} of {audit.electivesRequired} needed
        {audit.importedCounted > 0 && ` (${plural(audit.importedCounted, 'imported unit')})`}
      </p>
      {electives.length > 0 && (
        <ul aria-label="Electives counted">
          {electives.map((unit) => (
            <li key={unit.unitCode}>
              <span className="mono">{unit.unitCode}</span> ({placeOf(unit)})
            </li>
          ))}
        </ul>
      )}
      {uncounted.length > 0 && (
        <>
          <p className="audit-label">Not counted</p>
          <ul aria-label="Not counted">
            {uncounted.map((unit) => (
              <li key={unit.unitCode}>
                <span className="mono">{unit.unitCode}</span> ({placeOf(unit)}): {notCounting[unit.counted]}
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}
