import { PageHeader } from '../../../components/PageStates';

// Stub: replaced by its slice.
export function ImportPage() {
  return <PageHeader title="数据导入" />;
}
