import { PageHeader } from '../../components/PageStates';

// Stub: replaced by its slice.
export function BackupsPage() {
  return <PageHeader title="备份与恢复" />;
}
