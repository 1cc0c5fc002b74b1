import type { PackagingRules } from '../../domain/entities/qualification.entity';
import { auditEnrolment, enrolmentAfterAudit, type UnitResultInput } from '../../domain/qualifications/audit';
import { checkPackagingRules } from '../../domain/qualifications/packaging-rules';
import {
  achievingOutcomeCodes,
  describeOutcome,
  isAchievingOutcome,
  isKnownOutcome,
  outcomeCodes,
} from '../../domain/qualifications/outcomes';
import { bsb50420 } from '../fixtures/qualifications/bsb50420';
import { chc30121 } from '../fixtures/qualifications/chc30121';
import { chc43315 } from '../fixtures/qualifications/chc43315';

/**
 * A made-up qualification using every kind of rule: 3 core, 6 electives from groups A (2–3) and B (1+), listed, 2
 * imported.
 */
const sample = (): PackagingRules => ({
  totalUnits: 9,
  core: ['CORE1', 'CORE2', 'CORE3'],
  electives: {
    count: 6,
    groups: [
      { name: 'A', units: ['GA1', 'GA2', 'GA3', 'GA4'], min: 2, max: 3 },
      { name: 'B', units: ['GB1', 'GB2', 'GB3'], min: 1, max: null },
    ],
    listed: ['LS1', 'LS2', 'LS3'],
    importedMax: 2,
  },
});

const result = (unitCode: string, outcome = '20', date = '2026-03-02', recordedAt?: string): UnitResultInput => ({
  unitCode,
  outcome,
  date,
  recordedAt,
});
const achieved = (...codes: string[]) => codes.map((code) => result(code));
const fields = (input: unknown) => {
  const check = checkPackagingRules(input);
  return check.valid ? [] : check.problems.map((p) => p.field);
};
const messages = (input: unknown) => {
  const check = checkPackagingRules(input);
  return check.valid ? [] : check.problems.map((p) => p.message);
};

describe('checkPackagingRules', () => {
  it('accepts valid rules and fills in the optional parts', () => {
    const sut = checkPackagingRules({
      totalUnits: 3,
      core: ['CORE1'],
      electives: { count: 2, groups: [{ name: 'A', units: ['GA1', 'GA2'], min: 1 }] },
    });
    expect(sut).toEqual({
      valid: true,
      rules: {
        totalUnits: 3,
        core: ['CORE1'],
        electives: {
          count: 2,
          groups: [{ name: 'A', units: ['GA1', 'GA2'], min: 1, max: null }],
          listed: [],
          importedMax: 0,
        },
      },
    });
    expect(checkPackagingRules(sample()).valid).toBe(true);
  });

  it.each([chc30121, chc43315, bsb50420])('accepts the real rules of $code', (qualification) => {
    expect(checkPackagingRules(qualification.packagingRules)).toEqual({
      valid: true,
      rules: qualification.packagingRules,
    });
  });

  it('refuses a core unit that is also an elective, in a group or listed', () => {
    const rules = sample();
    rules.electives.groups[0]!.units.push('CORE1');
    rules.electives.listed.push('CORE2');
    expect(messages(rules)).toEqual(
      expect.arrayContaining([
        'CORE1 is a core unit and also an elective in group A: a unit is either core or elective',
        'CORE2 is a core unit and also a listed elective: a unit is either core or elective',
      ]),
    );
    expect(fields(rules)).toEqual(
      expect.arrayContaining(['packagingRules.electives.groups.0.units', 'packagingRules.electives.listed']),
    );
  });

  it('refuses a unit in two groups, or in a group and in listed', () => {
    const rules = sample();
    rules.electives.groups[1]!.units.push('GA1');
    rules.electives.listed.push('GB2');
    expect(messages(rules)).toEqual([
      'GA1 is in group A and group B: a unit belongs to one group only',
      "GB2 is in group B and also in listed: list it once (a group's units are listed electives already)",
    ]);
  });

  it('refuses a code listed twice', () => {
    const rules = sample();
    rules.core.push('CORE1');
    rules.totalUnits = 10;
    rules.electives.listed.push('LS1');
    expect(messages(rules)).toEqual([
      'CORE1 appears twice in core: list it once',
      'LS1 appears twice in listed: list it once',
    ]);
  });

  it('refuses group minimums that add up to more than the elective count', () => {
    const rules = sample();
    rules.electives.groups[1]!.min = 3;
    rules.electives.groups[0]!.min = 3;
    rules.electives.count = 5;
    rules.totalUnits = 8;
    expect(checkPackagingRules(rules)).toEqual({
      valid: false,
      problems: [
        {
          field: 'packagingRules.electives.count',
          message:
            'group minimums add up to 6 (A 3, B 3) but only 5 electives are required: lower a minimum or raise electives.count',
        },
      ],
    });
  });

  it('refuses core plus electives that do not add up to totalUnits', () => {
    expect(checkPackagingRules({ ...sample(), totalUnits: 12 })).toEqual({
      valid: false,
      problems: [
        {
          field: 'packagingRules.totalUnits',
          message:
            '3 core units + 6 electives = 9, but totalUnits is 12: the core units and electives.count must add up to totalUnits',
        },
      ],
    });
  });

  it('refuses negative, fractional and missing counts, naming each field', () => {
    const rules = {
      totalUnits: -1,
      core: [],
      electives: { count: 1.5, groups: [{ name: 'A', units: ['GA1'], min: -2, max: 'many' }], importedMax: -1 },
    };
    expect(fields(rules)).toEqual([
      'packagingRules.totalUnits',
      'packagingRules.electives.count',
      'packagingRules.electives.groups.0.min',
      'packagingRules.electives.groups.0.max',
      'packagingRules.electives.importedMax',
    ]);
    expect(messages({ core: [] })).toEqual(['packagingRules.totalUnits must be a whole number from 1 to 1000']);
  });

  it('refuses a group maximum below its minimum, and a minimum the group cannot supply', () => {
    const rules = sample();
    rules.electives.groups[0]!.max = 1;
    rules.electives.groups[1]!.min = 4;
    rules.electives.groups[0]!.min = 2;
    expect(checkPackagingRules(rules)).toMatchObject({
      valid: false,
      problems: [
        { field: 'packagingRules.electives.groups.0.max', message: 'group A: max (1) is less than min (2)' },
        {
          field: 'packagingRules.electives.groups.1.min',
          message: 'group B asks for at least 4 units but lists only 3',
        },
      ],
    });
  });

  it('refuses malformed unit codes, unknown fields and nameless or duplicate groups', () => {
    const rules = { ...sample(), core: ['CORE1', 'bsbwhs411', 42], extra: true };
    expect(checkPackagingRules(rules)).toMatchObject({
      valid: false,
      problems: [
        {
          field: 'packagingRules.extra',
          message: 'packagingRules.extra is not a packaging rule; use totalUnits, core, electives',
        },
        {
          field: 'packagingRules.core.1',
          message: expect.stringContaining('"bsbwhs411" in packagingRules.core is not a unit code'),
        },
        {
          field: 'packagingRules.core.2',
          message: expect.stringContaining('42 in packagingRules.core is not a unit code'),
        },
      ],
    });
    const groups = sample();
    groups.electives.groups[1]!.name = 'A';
    expect(messages(groups)).toEqual(['two groups are named A: give each group its own name']);
    expect(fields({ totalUnits: 1, core: ['CORE1'], electives: { count: 0, groups: [{ units: [] }] } })).toEqual([
      'packagingRules.electives.groups.0.name',
      'packagingRules.electives.groups.0.units',
    ]);
    expect(messages('not rules')).toEqual(['packagingRules must be an object']);
  });

  it('refuses an importedMax above the elective count and counts that can never be reached', () => {
    expect(
      messages({ totalUnits: 3, core: ['CORE1'], electives: { count: 2, listed: ['LS1'], importedMax: 3 } }),
    ).toEqual(['importedMax (3) is more than the 2 electives required: it can be at most 2']);
    expect(
      messages({
        totalUnits: 5,
        core: ['CORE1'],
        electives: {
          count: 4,
          groups: [{ name: 'A', units: ['GA1', 'GA2'], min: 0, max: 1 }],
          listed: ['LS1'],
          importedMax: 1,
        },
      }),
    ).toEqual([
      'only 3 electives can ever count (1 from groups, 1 listed, 1 imported) but 4 are required: list more electives or raise importedMax',
    ]);
  });
});

describe('AVETMISS outcomes', () => {
  it('counts only 20, 51 and 60 as achieved', () => {
    expect(achievingOutcomeCodes).toEqual(['20', '51', '60']);
    expect(outcomeCodes).toEqual(['20', '30', '40', '41', '51', '52', '60', '61', '65', '70', '81', '82', '85', '90']);
    expect(outcomeCodes.filter(isAchievingOutcome)).toEqual(['20', '51', '60']);
    expect(isKnownOutcome('99')).toBe(false);
    expect(isAchievingOutcome('99')).toBe(false);
    expect(describeOutcome('60')).toBe('60 Credit transfer/national recognition');
  });
});

describe('auditEnrolment', () => {
  const complete = () => achieved('CORE1', 'CORE2', 'CORE3', 'GA1', 'GA2', 'GB1', 'LS1', 'LS2', 'LS3');

  it('is Ready to be Requested when every core unit and every elective rule is met', () => {
    const sut = auditEnrolment(sample(), [...complete(), result('LS3', '20', '2026-04-30')]);
    expect(sut).toMatchObject({
      status: 'Ready to be Requested',
      achieved: true,
      coreRequired: 3,
      coreMissing: [],
      electivesAchieved: 6,
      electivesRequired: 6,
      groupShortfalls: [],
      importedCounted: 0,
      reasons: ['Requirements met: all 3 core units and 6 electives achieved'],
      requirementsMetOn: '2026-04-30',
    });
    expect(sut.units.map((u) => [u.unitCode, u.place, u.group, u.counted])).toEqual([
      ['CORE1', 'core', null, 'core'],
      ['CORE2', 'core', null, 'core'],
      ['CORE3', 'core', null, 'core'],
      ['GA1', 'group', 'A', 'elective'],
      ['GA2', 'group', 'A', 'elective'],
      ['GB1', 'group', 'B', 'elective'],
      ['LS1', 'listed', null, 'elective'],
      ['LS2', 'listed', null, 'elective'],
      ['LS3', 'listed', null, 'elective'],
    ]);
  });

  it('names a core unit with no result', () => {
    const sut = auditEnrolment(
      sample(),
      complete().filter((r) => r.unitCode !== 'CORE2'),
    );
    expect(sut).toMatchObject({
      status: 'Not Yet Achieved',
      achieved: false,
      coreMissing: ['CORE2'],
      requirementsMetOn: null,
    });
    expect(sut.reasons).toEqual(['Core unit CORE2 has no result yet']);
  });

  it('names a core unit whose latest outcome is not achieved, with that outcome', () => {
    const sut = auditEnrolment(sample(), [...complete(), result('CORE3', '30', '2026-05-01')]);
    expect(sut.coreMissing).toEqual(['CORE3']);
    expect(sut.reasons).toEqual([
      'Core unit CORE3 not achieved (latest outcome 30 Competency not achieved/fail, 2026-05-01)',
    ]);
  });

  it('lists every core unit without a result in one sentence for a new enrolment', () => {
    const sut = auditEnrolment(sample(), []);
    expect(sut.reasons).toEqual([
      '3 core units have no result yet: CORE1, CORE2, CORE3',
      '6 more electives needed, at least 2 from group A and 1 from group B',
    ]);
  });

  it('accepts a core unit by credit transfer (60) and by RPL (51)', () => {
    const results = [
      ...complete().filter((r) => !['CORE1', 'CORE2'].includes(r.unitCode)),
      result('CORE1', '60'),
      result('CORE2', '51'),
    ];
    expect(auditEnrolment(sample(), results)).toMatchObject({ achieved: true, coreMissing: [] });
  });

  it('lets the latest result win: an earlier 20 followed by a later 30 is not achieved', () => {
    const sut = auditEnrolment(sample(), [
      ...complete(),
      result('CORE1', '20', '2026-01-10'),
      result('CORE1', '30', '2026-06-01'),
    ]);
    expect(sut.coreMissing).toEqual(['CORE1']);
    expect(sut.units.find((u) => u.unitCode === 'CORE1')).toMatchObject({ outcome: '30', earlierResults: 2 });
  });

  it('lets the latest result win regardless of list order: a resit 20 after a 30 is achieved', () => {
    const sut = auditEnrolment(sample(), [
      result('CORE1', '20', '2026-06-01'),
      ...complete().filter((r) => r.unitCode !== 'CORE1'),
      result('CORE1', '30', '2026-02-01'),
    ]);
    expect(sut.achieved).toBe(true);
  });

  it('breaks a same-day tie by when the result was recorded, then by list order', () => {
    const others = complete().filter((r) => r.unitCode !== 'CORE1');
    const corrected = [
      result('CORE1', '20', '2026-03-02', '2026-03-03T09:00:00Z'),
      result('CORE1', '30', '2026-03-02', '2026-03-02T09:00:00Z'),
    ];
    expect(auditEnrolment(sample(), [...others, ...corrected]).achieved).toBe(true);
    expect(auditEnrolment(sample(), [...others, result('CORE1', '20'), result('CORE1', '40')]).coreMissing).toEqual([
      'CORE1',
    ]);
  });

  it('counts a unit once however many achieving results it has', () => {
    const sut = auditEnrolment(sample(), [
      ...complete().filter((r) => r.unitCode !== 'LS3'),
      result('LS2', '20', '2026-04-01'),
      result('LS2', '51', '2026-05-01'),
    ]);
    expect(sut).toMatchObject({ achieved: false, electivesAchieved: 5, reasons: ['1 more elective needed'] });
  });

  it.each(['30', '40', '41', '52', '61', '65', '70', '81', '82', '85', '90', '99'])(
    'does not count outcome %s as achieved',
    (outcome) => {
      const sut = auditEnrolment(sample(), [...complete().filter((r) => r.unitCode !== 'LS1'), result('LS1', outcome)]);
      expect(sut).toMatchObject({ achieved: false, electivesAchieved: 5 });
      expect(sut.units.find((u) => u.unitCode === 'LS1')!.counted).toBe('not achieved');
      expect(sut.reasons).toContain(
        `Elective LS1 not achieved (latest outcome ${describeOutcome(outcome)}, 2026-03-02)`,
      );
    },
  );

  it('counts imported electives only up to importedMax, and says why the others do not count', () => {
    const results = [
      ...achieved('CORE1', 'CORE2', 'CORE3', 'GA1', 'GA2', 'GB1'),
      ...achieved('XYZ003', 'XYZ001', 'XYZ002'),
    ];
    const sut = auditEnrolment(sample(), results);
    expect(sut).toMatchObject({ achieved: false, electivesAchieved: 5, importedCounted: 2 });
    expect(sut.units.filter((u) => u.place === 'imported').map((u) => [u.unitCode, u.counted])).toEqual([
      ['XYZ001', 'elective'],
      ['XYZ002', 'elective'],
      ['XYZ003', 'over imported maximum'],
    ]);
    expect(sut.reasons).toEqual([
      '1 more elective needed',
      "XYZ003 does not count: at most 2 electives may come from outside the qualification's elective lists",
    ]);
  });

  it('passes with imported electives within the cap, and uses them only where needed', () => {
    const withImports = [
      ...achieved('CORE1', 'CORE2', 'CORE3', 'GA1', 'GA2', 'GB1', 'LS1'),
      ...achieved('XYZ001', 'XYZ002'),
    ];
    expect(auditEnrolment(sample(), withImports)).toMatchObject({
      achieved: true,
      importedCounted: 2,
      electivesAchieved: 6,
    });
    const sut = auditEnrolment(sample(), [...complete(), ...achieved('XYZ001')]);
    expect(sut).toMatchObject({ achieved: true, importedCounted: 0 });
    expect(sut.units.find((u) => u.unitCode === 'XYZ001')!.counted).toBe('extra elective');
  });

  it('fails a group minimum even when the elective count is reached, saying which group', () => {
    const sut = auditEnrolment(
      sample(),
      achieved('CORE1', 'CORE2', 'CORE3', 'GA1', 'GA2', 'LS1', 'LS2', 'LS3', 'XYZ001'),
    );
    expect(sut).toMatchObject({
      achieved: false,
      electivesAchieved: 6,
      groupShortfalls: [{ group: 'B', needed: 1, have: 0 }],
    });
    expect(sut.reasons).toEqual(['1 more elective needed, from group B']);
  });

  it('says how many more electives are needed and how many of them from a group', () => {
    const sut = auditEnrolment(sample(), achieved('CORE1', 'CORE2', 'CORE3', 'GA1', 'GA2', 'LS1', 'LS2'));
    expect(sut).toMatchObject({ electivesAchieved: 4, groupShortfalls: [{ group: 'B', needed: 1, have: 0 }] });
    expect(sut.reasons).toEqual(['2 more electives needed, at least 1 from group B']);
  });

  it('names every group short of its minimum', () => {
    const sut = auditEnrolment(sample(), achieved('CORE1', 'CORE2', 'CORE3', 'LS1', 'LS2', 'LS3'));
    expect(sut.groupShortfalls).toEqual([
      { group: 'A', needed: 2, have: 0 },
      { group: 'B', needed: 1, have: 0 },
    ]);
    expect(sut.reasons).toEqual(['3 more electives needed: 2 from group A and 1 from group B']);
  });

  it('fills group minimums before other electives', () => {
    const sut = auditEnrolment(sample(), [
      ...achieved('CORE1', 'CORE2', 'CORE3'),
      ...achieved('LS1', 'LS2', 'LS3', 'XYZ001', 'GB1', 'GA1', 'GA2'),
    ]);
    expect(sut.achieved).toBe(true);
    expect(sut.units.filter((u) => u.counted === 'elective').map((u) => u.unitCode)).toEqual([
      'GA1',
      'GA2',
      'GB1',
      'LS1',
      'LS2',
      'LS3',
    ]);
    expect(sut.units.find((u) => u.unitCode === 'XYZ001')!.counted).toBe('extra elective');
  });

  it('does not count units beyond a group maximum toward the total', () => {
    const sut = auditEnrolment(sample(), achieved('CORE1', 'CORE2', 'CORE3', 'GA1', 'GA2', 'GA3', 'GA4', 'GB1'));
    expect(sut).toMatchObject({ achieved: false, electivesAchieved: 4 });
    expect(sut.units.find((u) => u.unitCode === 'GA4')!.counted).toBe('over group maximum');
    expect(sut.reasons).toEqual(['2 more electives needed', 'GA4 does not count: group A allows at most 3 units']);
  });

  it('still passes with more electives than needed, counting exactly the required number', () => {
    const sut = auditEnrolment(sample(), [...complete(), ...achieved('GA3', 'GB2', 'GB3')]);
    expect(sut).toMatchObject({ achieved: true, electivesAchieved: 6 });
    // Group units come first, as the rules list them; the listed electives left over are extras.
    expect(sut.units.filter((u) => u.counted === 'elective').map((u) => u.unitCode)).toEqual([
      'GA1',
      'GA2',
      'GA3',
      'GB1',
      'GB2',
      'GB3',
    ]);
    expect(sut.units.filter((u) => u.counted === 'extra elective').map((u) => u.unitCode)).toEqual([
      'LS1',
      'LS2',
      'LS3',
    ]);
  });

  it('never counts a core unit as an elective', () => {
    const sut = auditEnrolment(sample(), achieved('CORE1', 'CORE2', 'CORE3', 'GA1', 'GA2', 'GB1', 'LS1', 'LS2'));
    expect(sut).toMatchObject({ achieved: false, electivesAchieved: 5, reasons: ['1 more elective needed'] });
  });

  it('needs no electives when the rules have none', () => {
    const rules: PackagingRules = {
      totalUnits: 1,
      core: ['CORE1'],
      electives: { count: 0, groups: [], listed: [], importedMax: 0 },
    };
    expect(auditEnrolment(rules, achieved('CORE1', 'XYZ001'))).toMatchObject({
      achieved: true,
      electivesAchieved: 0,
      importedCounted: 0,
    });
  });
});

describe('enrolmentAfterAudit', () => {
  const now = new Date('2026-11-29T10:00:00Z');
  const pass = { status: 'Ready to be Requested', achieved: true } as const;
  const fail = { status: 'Not Yet Achieved', achieved: false } as const;

  it('moves Not Yet Achieved to Ready to be Requested and stamps the first time the requirements were met', () => {
    expect(enrolmentAfterAudit({ status: 'Not Yet Achieved', requirementsMetAt: null }, pass, now)).toEqual({
      status: 'Ready to be Requested',
      requirementsMetAt: now,
    });
    expect(enrolmentAfterAudit({ status: 'Not Yet Achieved' }, fail, now)).toEqual({
      status: 'Not Yet Achieved',
      requirementsMetAt: null,
    });
  });

  it('moves back to Not Yet Achieved but keeps the first requirementsMetAt, also on a later pass', () => {
    const first = new Date('2026-10-01T00:00:00Z');
    expect(enrolmentAfterAudit({ status: 'Ready to be Requested', requirementsMetAt: first }, fail, now)).toEqual({
      status: 'Not Yet Achieved',
      requirementsMetAt: first,
    });
    expect(enrolmentAfterAudit({ status: 'Not Yet Achieved', requirementsMetAt: first }, pass, now)).toEqual({
      status: 'Ready to be Requested',
      requirementsMetAt: first,
    });
  });

  it.each([
    'Generating Credential',
    'Awaiting Issue',
    'Credential Issued',
    'Credential Failed to Generate',
    'Withdrawn',
  ] as const)('leaves an enrolment in %s alone', (status) => {
    expect(enrolmentAfterAudit({ status, requirementsMetAt: null }, fail, now)).toEqual({
      status,
      requirementsMetAt: null,
    });
    expect(enrolmentAfterAudit({ status, requirementsMetAt: null }, pass, now)).toEqual({
      status,
      requirementsMetAt: null,
    });
  });
});

describe('real qualifications', () => {
  const resultsFor = (codes: string[], outcome = '20', date = '2026-06-15') =>
    codes.map((code) => result(code, outcome, date));

  describe('CHC30121 Certificate III in Early Childhood Education and Care', () => {
    const { core } = chc30121.packagingRules;

    it('is achieved with the 15 core units, a listed elective and one imported elective', () => {
      const sut = auditEnrolment(chc30121.packagingRules, [
        ...resultsFor(core),
        ...resultsFor(['CHCDIV001', 'HLTFSE001']),
      ]);
      expect(sut).toMatchObject({ achieved: true, coreRequired: 15, electivesAchieved: 2, importedCounted: 1 });
    });

    it('refuses two imported electives: at least one must come from the listed electives', () => {
      const sut = auditEnrolment(chc30121.packagingRules, [
        ...resultsFor(core),
        ...resultsFor(['HLTFSE001', 'BSBSUS211']),
      ]);
      expect(sut).toMatchObject({ achieved: false, electivesAchieved: 1, importedCounted: 1 });
      expect(sut.reasons).toEqual([
        '1 more elective needed',
        "HLTFSE001 does not count: at most 1 elective may come from outside the qualification's elective lists",
      ]);
    });

    it('accepts first aid brought from another RTO by credit transfer', () => {
      const results = [
        ...resultsFor(core.filter((c) => c !== 'HLTAID012')),
        result('HLTAID012', '60', '2025-11-20'),
        ...resultsFor(['CHCDIV001', 'CHCPRP003']),
      ];
      expect(auditEnrolment(chc30121.packagingRules, results)).toMatchObject({
        achieved: true,
        requirementsMetOn: '2026-06-15',
      });
    });

    it('holds back a learner still completing placement units', () => {
      const results = [
        ...resultsFor(core.filter((c) => !['CHCECE032', 'CHCECE038'].includes(c))),
        result('CHCECE032', '70'),
        ...resultsFor(['CHCDIV001', 'CHCPRP003']),
      ];
      const sut = auditEnrolment(chc30121.packagingRules, results);
      expect(sut.coreMissing).toEqual(['CHCECE032', 'CHCECE038']);
      expect(sut.reasons).toEqual([
        'Core unit CHCECE032 not achieved (latest outcome 70 Continuing enrolment, 2026-03-02)',
        'Core unit CHCECE038 has no result yet',
      ]);
    });
  });

  describe('CHC43315 Certificate IV in Mental Health', () => {
    const { core } = chc43315.packagingRules;

    it('is achieved with an At Risk elective, a listed elective and two imported electives', () => {
      const sut = auditEnrolment(chc43315.packagingRules, [
        ...resultsFor(core),
        ...resultsFor(['CHCCCS019', 'CHCCCS017', 'CHCAOD001', 'CHCCSM013']),
      ]);
      expect(sut).toMatchObject({ achieved: true, electivesAchieved: 4, importedCounted: 2, groupShortfalls: [] });
    });

    it('refuses four electives none of which is from the At Risk group', () => {
      const sut = auditEnrolment(chc43315.packagingRules, [
        ...resultsFor(core),
        ...resultsFor(['CHCADV001', 'CHCCCS004', 'CHCCCS017', 'CHCPRP003']),
      ]);
      expect(sut).toMatchObject({
        achieved: false,
        electivesAchieved: 4,
        groupShortfalls: [{ group: 'At Risk', needed: 1, have: 0 }],
      });
      expect(sut.reasons).toEqual(['1 more elective needed, from group At Risk']);
    });

    it('caps imported electives at two', () => {
      const sut = auditEnrolment(chc43315.packagingRules, [
        ...resultsFor(core),
        ...resultsFor(['CHCCCS003', 'CHCAOD001', 'CHCCSM013', 'HLTHPS006']),
      ]);
      expect(sut).toMatchObject({ achieved: false, electivesAchieved: 3, importedCounted: 2 });
      expect(sut.reasons[0]).toBe('1 more elective needed');
    });

    it('accepts a core unit credited from an earlier Certificate III (CHCDIV001, outcome 60)', () => {
      const results = [
        ...resultsFor(core.filter((c) => c !== 'CHCDIV001')),
        result('CHCDIV001', '60', '2024-12-01'),
        ...resultsFor(['CHCCCS003', 'CHCCCS019', 'CHCADV001', 'CHCPRP001']),
      ];
      const sut = auditEnrolment(chc43315.packagingRules, results);
      expect(sut).toMatchObject({ achieved: true, importedCounted: 0 });
      expect(sut.units.find((u) => u.unitCode === 'CHCDIV001')).toMatchObject({
        place: 'core',
        counted: 'core',
        outcomeMeaning: 'Credit transfer/national recognition',
      });
    });
  });

  describe('BSB50420 Diploma of Leadership and Management', () => {
    const { core } = bsb50420.packagingRules;

    it('is achieved with four listed electives and two from other training packages', () => {
      const sut = auditEnrolment(bsb50420.packagingRules, [
        ...resultsFor(core),
        ...resultsFor(['BSBLDR522', 'BSBOPS501', 'BSBOPS504', 'BSBWHS521', 'CHCCCS007', 'SITXMGT004']),
      ]);
      expect(sut).toMatchObject({ achieved: true, electivesAchieved: 6, importedCounted: 2 });
    });

    it('refuses three imported electives', () => {
      const sut = auditEnrolment(bsb50420.packagingRules, [
        ...resultsFor(core),
        ...resultsFor(['BSBLDR522', 'BSBOPS501', 'BSBOPS504', 'CHCCCS007', 'SITXMGT004', 'TLIL5019']),
      ]);
      expect(sut).toMatchObject({ achieved: false, electivesAchieved: 5, importedCounted: 2 });
      expect(sut.reasons).toEqual([
        '1 more elective needed',
        "TLIL5019 does not count: at most 2 electives may come from outside the qualification's elective lists",
      ]);
    });

    it('accepts RPL for a core unit and a passed resit after a fail', () => {
      const results = [
        ...resultsFor(core.filter((c) => !['BSBLDR523', 'BSBOPS502'].includes(c))),
        result('BSBLDR523', '51'),
        result('BSBOPS502', '30', '2026-04-01'),
        result('BSBOPS502', '20', '2026-05-20'),
        ...resultsFor(['BSBLDR522', 'BSBOPS501', 'BSBOPS503', 'BSBOPS504', 'BSBSTR502', 'BSBWHS521']),
      ];
      expect(auditEnrolment(bsb50420.packagingRules, results)).toMatchObject({
        achieved: true,
        importedCounted: 0,
        requirementsMetOn: '2026-06-15',
      });
    });

    it('sends a withdrawn core unit back to Not Yet Achieved', () => {
      const results = [
        ...resultsFor(core),
        result('BSBPEF502', '40', '2026-07-01'),
        ...resultsFor(['BSBLDR522', 'BSBOPS501', 'BSBOPS503', 'BSBOPS504', 'BSBSTR502', 'BSBWHS521']),
      ];
      const sut = auditEnrolment(bsb50420.packagingRules, results);
      expect(sut).toMatchObject({ status: 'Not Yet Achieved', coreMissing: ['BSBPEF502'] });
      expect(sut.reasons).toEqual([
        'Core unit BSBPEF502 not achieved (latest outcome 40 Withdrawn/discontinued, 2026-07-01)',
      ]);
    });
  });
});
