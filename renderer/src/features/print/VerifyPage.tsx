import { PageHeader } from '../../components/PageStates';

// Stub: replaced by its slice.
export function VerifyPage() {
  return <PageHeader title="纸质件核验" />;
}
