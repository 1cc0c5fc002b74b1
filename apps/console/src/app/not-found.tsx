import { Link } from 'react-router';
import { Page } from '../components/page';

export function NotFound() {
  return (
    <Page title="Page not found">
      <p>
        There is no such page in the console. Go to the <Link to="/register">Credential Register</Link>.
      </p>
    </Page>
  );
}
