import { loggableUrl } from '../../apps/api/logging/access-log';

describe('access log URLs', () => {
  it('leave out verification codes and search text', () => {
    expect(loggableUrl('/verify/K7Q2M9XW4P')).toBe('/verify/:code');
    expect(loggableUrl('/verify/K7Q2M9XW4P/open-badge.json?x=1')).toBe('/verify/:code/open-badge.json?x=1');
    expect(loggableUrl('/credentials?status=Issued&q=Ada%20Lovelace&page=2')).toBe(
      '/credentials?status=Issued&q=[omitted]&page=2',
    );
    expect(loggableUrl('/learners?q=smith')).toBe('/learners?q=[omitted]');
    expect(loggableUrl('/learners?qualificationId=1')).toBe('/learners?qualificationId=1');
  });
});
