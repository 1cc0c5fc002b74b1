import { Page } from '../../components/page';

export function EnrolmentsPage() {
  return <Page title="Enrolments">{null}</Page>;
}
