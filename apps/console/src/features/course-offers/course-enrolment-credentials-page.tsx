import { Page } from '../../components/page';

export function CourseEnrolmentCredentialsPage() {
  return <Page title="Credentials">{null}</Page>;
}
