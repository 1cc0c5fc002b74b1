import { Page } from '../../components/page';

export function BulkRunPage() {
  return <Page title="Bulk run">{null}</Page>;
}
