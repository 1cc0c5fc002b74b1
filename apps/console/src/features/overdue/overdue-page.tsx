import { Page } from '../../components/page';

export function OverduePage() {
  return <Page title="Overdue">{null}</Page>;
}
