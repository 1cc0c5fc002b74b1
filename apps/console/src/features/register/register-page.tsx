import { Page } from '../../components/page';

export type RegisterScope = 'all' | 'learner' | 'course-offer' | 'qualification';

export function RegisterPage({ scope }: { scope: RegisterScope }) {
  return <Page title={scope === 'all' ? 'Credential Register' : 'Credentials'}>{null}</Page>;
}
