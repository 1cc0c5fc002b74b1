import { useEffect } from 'react';
import { NavLink, Navigate, Outlet, useLocation, useNavigate } from 'react-router';
import { useQueryClient } from '@tanstack/react-query';
import { session } from '../lib/session';
import { useMe } from '../lib/access';
import { ErrorMessage } from '../components/feedback';

const menu = [
  ['/course-offers', 'Course offers'],
  ['/qualification-enrolments', 'Qualification enrolments'],
  ['/register', 'Credential Register'],
  ['/overdue', 'Overdue'],
  ['/bulk-runs', 'Bulk runs'],
  ['/templates', 'Templates'],
] as const;

/** The frame of every signed-in screen: menu, who is signed in, sign-out. */
export function Layout() {
  const location = useLocation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const me = useMe();

  useEffect(() => {
    const signedOut = () => void navigate('/sign-in');
    window.addEventListener('credentials-console:signed-out', signedOut);
    return () => window.removeEventListener('credentials-console:signed-out', signedOut);
  }, [navigate]);

  if (!session.key()) {
    const next = encodeURIComponent(location.pathname + location.search);
    return <Navigate to={`/sign-in?next=${next}`} replace />;
  }

  function signOut() {
    session.signOut();
    queryClient.clear();
    void navigate('/sign-in');
  }

  return (
    <>
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="top">
        <span className="brand">Credentials</span>
        <nav aria-label="Main menu">
          <ul>
            {menu.map(([to, label]) => (
              <li key={to}>
                <NavLink to={to}>{label}</NavLink>
              </li>
            ))}
          </ul>
        </nav>
        <div className="who">
          {me.data && (
            <span>
              {me.data.name} <span className="muted">({me.data.role})</span>
            </span>
          )}
          <button type="button" className="link" onClick={signOut}>
            Sign out
          </button>
        </div>
      </header>
      <main id="main" tabIndex={-1}>
        {/* The screen asks for its data while /me answers (not after it); what the role allows shows once it has. */}
        {me.isError ? <ErrorMessage error={me.error} /> : <Outlet />}
      </main>
    </>
  );
}
