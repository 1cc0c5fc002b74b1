import { Page } from '../../components/page';

export function CourseOffersPage() {
  return <Page title="Course offers">{null}</Page>;
}
