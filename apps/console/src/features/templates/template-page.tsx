import { Page } from '../../components/page';

export function TemplatePage() {
  return <Page title="Template">{null}</Page>;
}
