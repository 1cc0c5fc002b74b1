import type { ElectiveGroup, PackagingRules } from '../entities/qualification.entity';

/** One thing wrong with a set of rules: where (a dotted path such as packagingRules.electives.groups.0.min) and why. */
export interface RuleProblem {
  field: string;
  message: string;
}

export type RulesCheck = { valid: true; rules: PackagingRules } | { valid: false; problems: RuleProblem[] };

/** National unit codes: capital letters and digits (BSBWHS411, HLTAID012, VU23213). */
export const unitCodePattern = /^[A-Z0-9]{3,20}$/;

/**
 * Upper bounds on a set of rules, far above any real qualification, so that one request cannot make the audit (or the
 * check of its own problems) work through an unbounded list.
 */
export const packagingRuleLimits = { codes: 1000, groups: 100, count: 1000, groupName: 100 } as const;

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** Reads the JSON shape, collecting every problem; missing optional parts get their defaults. */
class ShapeReader {
  readonly problems: RuleProblem[] = [];

  problem(field: string, message: string): void {
    this.problems.push({ field, message });
  }

  object(value: unknown, field: string, allowed: string[]): Record<string, unknown> | undefined {
    if (!isRecord(value)) {
      this.problem(field, `${field} must be an object`);
      return undefined;
    }
    for (const key of Object.keys(value).filter((k) => !allowed.includes(k))) {
      this.problem(`${field}.${key}`, `${field}.${key} is not a packaging rule; use ${allowed.join(', ')}`);
    }
    return value;
  }

  count(value: unknown, field: string, minimum = 0): number {
    const maximum = packagingRuleLimits.count;
    if (typeof value === 'number' && Number.isInteger(value) && value >= minimum && value <= maximum) return value;
    this.problem(field, `${field} must be a whole number from ${minimum} to ${maximum}`);
    return minimum;
  }

  codes(value: unknown, field: string): string[] {
    if (!Array.isArray(value)) {
      this.problem(field, `${field} must be a list of unit codes`);
      return [];
    }
    if (value.length > packagingRuleLimits.codes) {
      this.problem(field, `${field} may list at most ${packagingRuleLimits.codes} unit codes`);
      return [];
    }
    return value.filter((code, i) => {
      if (typeof code === 'string' && unitCodePattern.test(code)) return true;
      this.problem(
        `${field}.${i}`,
        `${JSON.stringify(code)} in ${field} is not a unit code: use 3 to 20 capital letters and digits, e.g. BSBWHS411`,
      );
      return false;
    }) as string[];
  }

  group(value: unknown, field: string): ElectiveGroup {
    const raw = this.object(value, field, ['name', 'units', 'min', 'max']) ?? {};
    const name = typeof raw.name === 'string' ? raw.name.trim() : '';
    if (!name) this.problem(`${field}.name`, `${field}.name must name the group, e.g. "A"`);
    else if (name.length > packagingRuleLimits.groupName)
      this.problem(`${field}.name`, `${field}.name must be at most ${packagingRuleLimits.groupName} characters`);
    const units = this.codes(raw.units, `${field}.units`);
    if (Array.isArray(raw.units) && raw.units.length === 0)
      this.problem(`${field}.units`, `group ${name || field} lists no units`);
    const min = raw.min === undefined ? 0 : this.count(raw.min, `${field}.min`);
    const max = raw.max === undefined || raw.max === null ? null : this.count(raw.max, `${field}.max`);
    return { name, units, min, max };
  }
}

function readShape(input: unknown, root: string): { rules: PackagingRules; problems: RuleProblem[] } {
  const read = new ShapeReader();
  const raw = read.object(input, root, ['totalUnits', 'core', 'electives']);
  if (!raw)
    return {
      rules: { totalUnits: 0, core: [], electives: { count: 0, groups: [], listed: [], importedMax: 0 } },
      problems: read.problems,
    };
  const totalUnits = read.count(raw.totalUnits, `${root}.totalUnits`, 1);
  const core = raw.core === undefined ? [] : read.codes(raw.core, `${root}.core`);
  const electivesField = `${root}.electives`;
  const electives =
    raw.electives === undefined
      ? { count: 0 }
      : (read.object(raw.electives, electivesField, ['count', 'groups', 'listed', 'importedMax']) ?? {});
  const count = read.count(electives.count, `${electivesField}.count`);
  let groups: ElectiveGroup[] = [];
  if (Array.isArray(electives.groups) && electives.groups.length > packagingRuleLimits.groups) {
    read.problem(
      `${electivesField}.groups`,
      `${electivesField}.groups may list at most ${packagingRuleLimits.groups} groups`,
    );
  } else if (Array.isArray(electives.groups)) {
    groups = electives.groups.map((g, i) => read.group(g, `${electivesField}.groups.${i}`));
  } else if (electives.groups !== undefined) {
    read.problem(`${electivesField}.groups`, `${electivesField}.groups must be a list of groups`);
  }
  const listed = electives.listed === undefined ? [] : read.codes(electives.listed, `${electivesField}.listed`);
  const importedMax =
    electives.importedMax === undefined ? 0 : read.count(electives.importedMax, `${electivesField}.importedMax`);
  return { rules: { totalUnits, core, electives: { count, groups, listed, importedMax } }, problems: read.problems };
}

/** Where each unit is placed, to find a code placed twice. */
function placements(rules: PackagingRules, root: string) {
  const places: Array<{ code: string; field: string; where: string; group?: string }> = [];
  rules.core.forEach((code) => places.push({ code, field: `${root}.core`, where: 'core' }));
  rules.electives.groups.forEach((g, i) =>
    g.units.forEach((code) =>
      places.push({ code, field: `${root}.electives.groups.${i}.units`, where: `group ${g.name}`, group: g.name }),
    ),
  );
  rules.electives.listed.forEach((code) => places.push({ code, field: `${root}.electives.listed`, where: 'listed' }));
  return places;
}

function duplicatePlacements(rules: PackagingRules, root: string): RuleProblem[] {
  const problems: RuleProblem[] = [];
  const first = new Map<string, { where: string; group?: string }>();
  for (const place of placements(rules, root)) {
    const earlier = first.get(place.code);
    if (!earlier) {
      first.set(place.code, place);
      continue;
    }
    let message: string;
    if (earlier.where === place.where) {
      message = `${place.code} appears twice in ${place.where}: list it once`;
    } else if (earlier.where === 'core') {
      message = `${place.code} is a core unit and also ${place.group ? `an elective in group ${place.group}` : 'a listed elective'}: a unit is either core or elective`;
    } else if (earlier.group && place.group) {
      message = `${place.code} is in group ${earlier.group} and group ${place.group}: a unit belongs to one group only`;
    } else {
      message = `${place.code} is in group ${earlier.group} and also in listed: list it once (a group's units are listed electives already)`;
    }
    problems.push({ field: place.field, message });
  }
  return problems;
}

function groupNameProblems(rules: PackagingRules, root: string): RuleProblem[] {
  const seen = new Set<string>();
  return rules.electives.groups.flatMap((g, i) => {
    if (!seen.has(g.name)) {
      seen.add(g.name);
      return [];
    }
    return [
      {
        field: `${root}.electives.groups.${i}.name`,
        message: `two groups are named ${g.name}: give each group its own name`,
      },
    ];
  });
}

function countProblems(rules: PackagingRules, root: string): RuleProblem[] {
  const problems: RuleProblem[] = [];
  const { count, groups, listed, importedMax } = rules.electives;
  groups.forEach((g, i) => {
    const field = `${root}.electives.groups.${i}`;
    if (g.max !== null && g.max < g.min) {
      problems.push({ field: `${field}.max`, message: `group ${g.name}: max (${g.max}) is less than min (${g.min})` });
    }
    if (g.min > g.units.length) {
      problems.push({
        field: `${field}.min`,
        message: `group ${g.name} asks for at least ${g.min} units but lists only ${g.units.length}`,
      });
    }
  });
  const minimums = groups.reduce((sum, g) => sum + g.min, 0);
  if (minimums > count) {
    const parts = groups
      .filter((g) => g.min > 0)
      .map((g) => `${g.name} ${g.min}`)
      .join(', ');
    problems.push({
      field: `${root}.electives.count`,
      message: `group minimums add up to ${minimums} (${parts}) but only ${plural(count, 'elective is', 'electives are')} required: lower a minimum or raise electives.count`,
    });
  }
  if (importedMax > count) {
    problems.push({
      field: `${root}.electives.importedMax`,
      message: `importedMax (${importedMax}) is more than the ${plural(count, 'elective')} required: it can be at most ${count}`,
    });
  }
  if (rules.core.length + count !== rules.totalUnits) {
    problems.push({
      field: `${root}.totalUnits`,
      message: `${plural(rules.core.length, 'core unit')} + ${plural(count, 'elective')} = ${rules.core.length + count}, but totalUnits is ${rules.totalUnits}: the core units and electives.count must add up to totalUnits`,
    });
  }
  const fromGroups = groups.reduce((sum, g) => sum + Math.min(g.max ?? g.units.length, g.units.length), 0);
  const available = fromGroups + listed.length + importedMax;
  if (available < count) {
    problems.push({
      field: `${root}.electives.count`,
      message: `only ${available} electives can ever count (${fromGroups} from groups, ${listed.length} listed, ${importedMax} imported) but ${count} are required: list more electives or raise importedMax`,
    });
  }
  return problems;
}

/**
 * Checks a qualification's packaging rules before they are stored: the JSON shape, codes placed twice (a core unit
 * also elective, a unit in two groups), and counts that cannot add up. Every problem says what to change.
 */
export function checkPackagingRules(input: unknown, root = 'packagingRules'): RulesCheck {
  const { rules, problems } = readShape(input, root);
  if (problems.length) return { valid: false, problems };
  const consistency = [
    ...groupNameProblems(rules, root),
    ...duplicatePlacements(rules, root),
    ...countProblems(rules, root),
  ];
  return consistency.length ? { valid: false, problems: consistency } : { valid: true, rules };
}
