import { PageHeader } from '../../components/PageStates';

// Stub: replaced by its slice.
export function NoticesPage() {
  return <PageHeader title="公示名单" />;
}
