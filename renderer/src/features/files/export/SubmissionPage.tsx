import { PageHeader } from '../../../components/PageStates';

// Stub: replaced by its slice.
export function SubmissionPage() {
  return <PageHeader title="季度报送" />;
}
