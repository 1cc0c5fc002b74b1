import { Page } from '../../components/page';

export function BulkRunsPage() {
  return <Page title="Bulk runs">{null}</Page>;
}
