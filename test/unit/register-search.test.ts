import { buildRegisterSql } from '../../apps/api/register/register.sql';
import { couldBeInCredentialNumber } from '../../domain/credentials/numbering';

const window = { limit: 50, offset: 0, today: '2026-12-06' };
const learner = '6f1c1a52-3c39-4a52-9d55-8b1d6c0b5a10';

describe('register search by q', () => {
  it('knows what could be part of a credential number', () => {
    for (const part of ['2026-000042', '2026', '-0000', '42', '2026-1234567'])
      expect(couldBeInCredentialNumber(part)).toBe(true);
    for (const text of ['Ava', 'Ava Nguyen', '2026 42', '2026-00004a', 'O’Brien'])
      expect(couldBeInCredentialNumber(text)).toBe(false);
  });

  it('looks in credential numbers only when q could be part of one', () => {
    const byName = buildRegisterSql({ q: 'Ava Nguyen' }, {}, window, [learner]);
    expect(byName.count).not.toContain('c.number ilike');
    expect(byName.count).toContain('c.learner_id = any(');
    expect(byName.countParams).toEqual([`{${learner}}`]);

    const byNumber = buildRegisterSql({ q: '2026-00' }, {}, window, [learner]);
    expect(byNumber.count).toContain('(c.number ilike ? or c.learner_id = any(');
    expect(byNumber.countParams).toEqual(['%2026-00%', `{${learner}}`]);
  });

  it('finds nothing, without a query on numbers, for a name no learner has', () => {
    const sut = buildRegisterSql({ q: 'Nobody Here' }, {}, window, []);
    expect(sut.count).toMatch(/where c\.deleted_at is null\n {2}and false$/);
    expect(sut.countParams).toEqual([]);
    expect(buildRegisterSql({ q: '2026' }, {}, window, []).countParams).toEqual(['%2026%']);
  });

  it('names every learner in a sub-select when there are too many to pass as ids', () => {
    const sut = buildRegisterSql({ q: 'Ava' }, {}, window, undefined);
    expect(sut.count).toContain('c.learner_id in (select l.id from learner l where');
    expect(sut.count).not.toContain('c.number ilike');
  });
});
