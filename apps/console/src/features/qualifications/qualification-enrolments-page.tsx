import { Page } from '../../components/page';

export function QualificationEnrolmentsPage() {
  return <Page title="Qualification enrolments">{null}</Page>;
}
