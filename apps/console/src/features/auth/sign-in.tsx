import { useState, type FormEvent } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { useQueryClient } from '@tanstack/react-query';
import { request } from '../../lib/api';
import { session } from '../../lib/session';
import { ErrorMessage } from '../../components/feedback';

/** Each person signs in with their own API key, so a credential's history names them. */
export function SignIn() {
  const [key, setKey] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const queryClient = useQueryClient();

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const me = await (await request('GET', '/me', undefined, key.trim())).json();
      session.signIn(key.trim());
      queryClient.clear();
      queryClient.setQueryData(['me'], me);
      const next = params.get('next');
      await navigate(next?.startsWith('/') && !next.startsWith('//') ? next : '/course-offers', { replace: true });
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  }

  return (
    <main className="sign-in">
      <h1>Credentials console</h1>
      <form onSubmit={submit}>
        <label htmlFor="api-key">API key</label>
        <input
          id="api-key"
          type="password"
          autoComplete="off"
          required
          value={key}
          onChange={(event) => setKey(event.target.value)}
        />
        <p className="hint">
          Your own key: what you do is recorded under its name. It is kept for this browser session only.
        </p>
        <button type="submit" disabled={busy}>
          Sign in
        </button>
        <ErrorMessage error={error} title="Cannot sign in" />
      </form>
    </main>
  );
}
