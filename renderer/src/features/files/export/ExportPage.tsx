import { PageHeader } from '../../../components/PageStates';

// Stub: replaced by its slice.
export function ExportPage() {
  return <PageHeader title="台账导出" />;
}
