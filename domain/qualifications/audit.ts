import type { PackagingRules } from '../entities/qualification.entity';
import type { QualificationEnrolmentStatus } from '../entities/qualification-enrolment.entity';
import { describeOutcome, isAchievingOutcome, outcomeMeaning } from './outcomes';

/** One recorded result; a unit may have several (a resit, a correction): the latest one is the unit's result. */
export interface UnitResultInput {
  unitCode: string;
  /** AVETMISS outcome identifier, e.g. "20". */
  outcome: string;
  /** YYYY-MM-DD, the date of the outcome. */
  date: string;
  /** When the result was entered: breaks ties between results of the same date. */
  recordedAt?: Date | string | null;
}

export type AuditStatus = Extract<QualificationEnrolmentStatus, 'Ready to be Requested' | 'Not Yet Achieved'>;

/** How a unit's latest result was used: why it counted, or why not. */
export type UnitCounting =
  'core' | 'elective' | 'extra elective' | 'over group maximum' | 'over imported maximum' | 'not achieved';

export interface AuditedUnit {
  unitCode: string;
  outcome: string;
  outcomeMeaning: string;
  date: string;
  /** Where the packaging rules place the unit; 'imported' is any unit they do not name. */
  place: 'core' | 'group' | 'listed' | 'imported';
  group: string | null;
  counted: UnitCounting;
  /** Earlier results of the same unit, overridden by this one. */
  earlierResults: number;
}

export interface GroupShortfall {
  group: string;
  /** The group's minimum. */
  needed: number;
  /** Achieved units of the group that count. */
  have: number;
}

export interface AuditResult {
  status: AuditStatus;
  achieved: boolean;
  coreRequired: number;
  coreMissing: string[];
  /** Electives counted toward the requirement (at most electivesRequired; extras are in units). */
  electivesAchieved: number;
  electivesRequired: number;
  groupShortfalls: GroupShortfall[];
  /** Counted electives from outside the groups and listed electives. */
  importedCounted: number;
  /** Sentences a person can act on; when achieved, one sentence saying so. */
  reasons: string[];
  /** When achieved: the date of the latest counted result, the day the learner met the requirements. */
  requirementsMetOn: string | null;
  /** Every unit with a result, in the order core, groups, listed, imported. */
  units: AuditedUnit[];
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

const inWords = (items: string[]) =>
  items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;

const recordedTime = (value: UnitResultInput['recordedAt']) =>
  value === undefined || value === null ? Number.NEGATIVE_INFINITY : new Date(value).getTime();

/** The latest result of each unit: by date, then by when it was recorded, then by its position in the list. */
function latestResults(results: readonly UnitResultInput[]) {
  const latest = new Map<string, { result: UnitResultInput; earlier: number }>();
  for (const result of results) {
    const current = latest.get(result.unitCode);
    if (!current) {
      latest.set(result.unitCode, { result, earlier: 0 });
      continue;
    }
    const a = current.result;
    const isLater =
      result.date !== a.date ? result.date > a.date : recordedTime(result.recordedAt) >= recordedTime(a.recordedAt);
    latest.set(result.unitCode, { result: isLater ? result : a, earlier: current.earlier + 1 });
  }
  return latest;
}

function placeOf(rules: PackagingRules, code: string): Pick<AuditedUnit, 'place' | 'group'> {
  if (rules.core.includes(code)) return { place: 'core', group: null };
  const group = rules.electives.groups.find((g) => g.units.includes(code));
  if (group) return { place: 'group', group: group.name };
  return rules.electives.listed.includes(code) ? { place: 'listed', group: null } : { place: 'imported', group: null };
}

/**
 * Audits one enrolment against a qualification's packaging rules (already checked by checkPackagingRules).
 * Each unit counts once, by its latest result, and only when that is achieving (20, 51, 60). Electives fill the
 * groups' minimums first, then the remaining places from group units (up to each group's maximum), listed
 * electives and, last, up to importedMax other units. A unit belongs to one place only, so this never fails a
 * learner whom another assignment would pass.
 */
export function auditEnrolment(rules: PackagingRules, results: readonly UnitResultInput[]): AuditResult {
  const latest = latestResults(results);
  const units = new Map<string, AuditedUnit>();
  for (const [code, { result, earlier }] of latest) {
    units.set(code, {
      unitCode: code,
      outcome: result.outcome,
      outcomeMeaning: outcomeMeaning(result.outcome),
      date: result.date,
      ...placeOf(rules, code),
      counted: 'not achieved',
      earlierResults: earlier,
    });
  }
  const achieved = (code: string) => {
    const unit = units.get(code);
    return unit && isAchievingOutcome(unit.outcome) ? unit : undefined;
  };

  const coreMissing = rules.core.filter((code) => !achieved(code));
  rules.core.forEach((code) => {
    const unit = achieved(code);
    if (unit) unit.counted = 'core';
  });

  const { count, groups, listed, importedMax } = rules.electives;
  let places = count;
  const countAsElective = (unit: AuditedUnit) => {
    unit.counted = 'elective';
    places -= 1;
  };
  // Per group, the achieved units its maximum lets count; the rest never count.
  const allowedByGroup = groups.map((g) => {
    const got = g.units.map(achieved).filter((u): u is AuditedUnit => !!u && u.group === g.name);
    const allowed = got.slice(0, g.max ?? got.length);
    got.slice(allowed.length).forEach((u) => (u.counted = 'over group maximum'));
    return allowed;
  });
  const imported = [...units.values()]
    .filter((u) => u.place === 'imported' && isAchievingOutcome(u.outcome))
    .sort((a, b) => a.unitCode.localeCompare(b.unitCode));
  imported.slice(importedMax).forEach((u) => (u.counted = 'over imported maximum'));

  // Group minimums first, then every other allowed unit while places remain, imported ones last.
  groups.forEach((g, i) => allowedByGroup[i]!.slice(0, g.min).forEach(countAsElective));
  const rest = [
    ...groups.flatMap((g, i) => allowedByGroup[i]!.slice(g.min)),
    ...listed.map(achieved).filter((u): u is AuditedUnit => !!u && u.place === 'listed'),
    ...imported.slice(0, importedMax),
  ];
  rest.forEach((u) => (places > 0 ? countAsElective(u) : (u.counted = 'extra elective')));

  const counted = [...units.values()].filter((u) => u.counted === 'elective');
  const groupShortfalls = groups
    .map((g, i) => ({ group: g.name, needed: g.min, have: Math.min(allowedByGroup[i]!.length, g.min) }))
    .filter((s) => s.have < s.needed);
  const isAchieved = coreMissing.length === 0 && places <= 0 && groupShortfalls.length === 0;
  const ordered = [...units.values()].sort(
    (a, b) => rank(rules, a) - rank(rules, b) || a.unitCode.localeCompare(b.unitCode),
  );

  return {
    status: isAchieved ? 'Ready to be Requested' : 'Not Yet Achieved',
    achieved: isAchieved,
    coreRequired: rules.core.length,
    coreMissing,
    electivesAchieved: counted.length,
    electivesRequired: count,
    groupShortfalls,
    importedCounted: counted.filter((u) => u.place === 'imported').length,
    reasons: isAchieved
      ? [`Requirements met: all ${plural(rules.core.length, 'core unit')} and ${plural(count, 'elective')} achieved`]
      : reasonsNotAchieved(rules, units, coreMissing, counted.length, groupShortfalls),
    requirementsMetOn: isAchieved
      ? ordered
          .filter((u) => u.counted === 'core' || u.counted === 'elective')
          .reduce<string | null>((max, u) => (max && max > u.date ? max : u.date), null)
      : null,
    units: ordered,
  };
}

/** Sort order of units in the result: core, groups in rule order, listed, imported. */
function rank(rules: PackagingRules, unit: AuditedUnit): number {
  if (unit.place === 'core') return 0;
  if (unit.place === 'group') return 1 + rules.electives.groups.findIndex((g) => g.name === unit.group);
  return unit.place === 'listed' ? 1000 : 1001;
}

function reasonsNotAchieved(
  rules: PackagingRules,
  units: Map<string, AuditedUnit>,
  coreMissing: string[],
  electivesAchieved: number,
  shortfalls: GroupShortfall[],
): string[] {
  const reasons: string[] = [];
  const unresulted = coreMissing.filter((code) => !units.has(code));
  for (const code of coreMissing.filter((c) => units.has(c))) {
    const unit = units.get(code)!;
    reasons.push(`Core unit ${code} not achieved (latest outcome ${describeOutcome(unit.outcome)}, ${unit.date})`);
  }
  if (unresulted.length === 1) reasons.push(`Core unit ${unresulted[0]} has no result yet`);
  if (unresulted.length > 1)
    reasons.push(`${unresulted.length} core units have no result yet: ${unresulted.join(', ')}`);

  const needs = shortfalls.map((s) => ({ group: s.group, missing: s.needed - s.have }));
  const groupNeeds = needs.reduce((sum, n) => sum + n.missing, 0);
  const more = Math.max(rules.electives.count - electivesAchieved, groupNeeds);
  if (more > 0) {
    const parts = needs.map((n) => `${n.missing} from group ${n.group}`);
    if (!parts.length) reasons.push(`${plural(more, 'more elective')} needed`);
    else if (more === groupNeeds && parts.length === 1)
      reasons.push(`${plural(more, 'more elective')} needed, from group ${needs[0]!.group}`);
    else if (more === groupNeeds) reasons.push(`${plural(more, 'more elective')} needed: ${inWords(parts)}`);
    else reasons.push(`${plural(more, 'more elective')} needed, at least ${inWords(parts)}`);

    const notAchieved = [...units.values()].filter((u) => u.place !== 'core' && u.counted === 'not achieved');
    for (const unit of notAchieved) {
      reasons.push(
        `Elective ${unit.unitCode} not achieved (latest outcome ${describeOutcome(unit.outcome)}, ${unit.date})`,
      );
    }
    for (const g of rules.electives.groups) {
      const over = [...units.values()]
        .filter((u) => u.group === g.name && u.counted === 'over group maximum')
        .map((u) => u.unitCode);
      if (over.length)
        reasons.push(
          `${inWords(over)} ${over.length === 1 ? 'does' : 'do'} not count: group ${g.name} allows at most ${plural(g.max ?? 0, 'unit')}`,
        );
    }
    const overImported = [...units.values()]
      .filter((u) => u.counted === 'over imported maximum')
      .map((u) => u.unitCode);
    if (overImported.length) {
      reasons.push(
        `${inWords(overImported)} ${overImported.length === 1 ? 'does' : 'do'} not count: at most ${plural(rules.electives.importedMax, 'elective')} may come from outside the qualification's elective lists`,
      );
    }
  }
  return reasons;
}

/** The qualification enrolment statuses an audit may move between; later ones belong to the credential. */
export const auditableStatuses: readonly QualificationEnrolmentStatus[] = ['Not Yet Achieved', 'Ready to be Requested'];

/**
 * What an audit does to its enrolment: moves it between Not Yet Achieved and Ready to be Requested (both ways),
 * never out of a later status, and stamps the first time the requirements were met (the 30-day issue clock), which
 * is kept even if a later audit fails.
 */
export function enrolmentAfterAudit(
  enrolment: { status: QualificationEnrolmentStatus; requirementsMetAt?: Date | null },
  audit: Pick<AuditResult, 'status' | 'achieved'>,
  now: Date,
): { status: QualificationEnrolmentStatus; requirementsMetAt: Date | null } {
  const requirementsMetAt = enrolment.requirementsMetAt ?? null;
  if (!auditableStatuses.includes(enrolment.status)) return { status: enrolment.status, requirementsMetAt };
  return { status: audit.status, requirementsMetAt: requirementsMetAt ?? (audit.achieved ? now : null) };
}
