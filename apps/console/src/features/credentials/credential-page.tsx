import { Page } from '../../components/page';

export function CredentialPage() {
  return <Page title="Credential">{null}</Page>;
}
