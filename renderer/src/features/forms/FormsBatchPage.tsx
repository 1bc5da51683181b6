import { PageHeader } from '../../components/PageStates';

// Stub: replaced by its slice.
export function FormsBatchPage() {
  return <PageHeader title="表单批量打印" />;
}
