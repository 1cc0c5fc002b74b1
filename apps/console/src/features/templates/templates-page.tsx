import { Page } from '../../components/page';

export function TemplatesPage() {
  return <Page title="Templates">{null}</Page>;
}
