import { Anchor, SegmentedControl, Stack, Table, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Link, useSearchParams } from 'react-router';
import type { SignatureTodos } from '../../../../shared/contract/forms';
import { documentKindShortLabels } from '../../../../shared/domain/paper';
import { apiQuery } from '../../api/queries';
import { ErrorBlock, LoadingBlock, PageHeader } from '../../components/PageStates';

// 签字待办 (issue 14): the list behind the workbench's signature counts — each row opens the case,
// where its forms are signed, marked as signed in ink or given their scanned page.

const views = [
  { value: 'stale', key: 'stale', label: '签字已失效', hint: '签字后表单的实质内容有变更，原签字已失效，请核对后重新签字。' },
  { value: 'unsigned', key: 'unsigned', label: '审批表待签', hint: '已纳入监测，但识别审批表还有签字栏没有签字。' },
  { value: 'scan', key: 'awaitingScan', label: '待上传扫描件', hint: '已标记为纸质签字，还没有上传签字页扫描件。' },
] as const satisfies readonly { value: string; key: keyof SignatureTodos; label: string; hint: string }[];

export function SignatureTodosPage() {
  const [params, setParams] = useSearchParams();
  const query = useQuery(apiQuery('forms.signatureTodos', {}));
  const view = views.find((v) => v.value === params.get('show')) ?? views[0];
  const helper = params.get('helper');
  if (query.isPending) return <LoadingBlock />;
  if (query.isError) return <ErrorBlock error={query.error} onRetry={() => void query.refetch()} />;
  const items = query.data[view.key].filter((i) => helper === null || i.helperName === helper);
  return (
    <Stack gap="md" maw={1100}>
      <PageHeader title="签字待办" description={helper ? `帮扶联系人：${helper}` : '点案件编号打开案件，在「表单与签字」中办理'} />
      <SegmentedControl
        w="fit-content"
        value={view.value}
        onChange={(v) => setParams(helper ? { show: v, helper } : { show: v })}
        data={views.map((v) => ({ value: v.value, label: `${v.label}（${query.data[v.key].length}）` }))}
      />
      <Text size="sm" c="dimmed">
        {view.hint}
      </Text>
      {items.length === 0 ? (
        <Text size="sm">没有需要办理的{view.label}。</Text>
      ) : (
        <Table fz="sm" striped aria-label={view.label}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>案件编号</Table.Th>
              <Table.Th>户主</Table.Th>
              <Table.Th>村</Table.Th>
              <Table.Th>表单</Table.Th>
              <Table.Th>签字栏</Table.Th>
              <Table.Th>帮扶联系人</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {items.map((i, n) => (
              <Table.Tr key={`${i.caseId}-${i.formKind}-${i.roleLabel ?? ''}-${n}`}>
                <Table.Td>
                  <Anchor component={Link} to={`/monitoring/${i.caseId}`}>
                    {i.caseCode}
                  </Anchor>
                </Table.Td>
                <Table.Td>{i.headName}</Table.Td>
                <Table.Td>{i.villageName}</Table.Td>
                <Table.Td>{documentKindShortLabels[i.formKind]}</Table.Td>
                <Table.Td>{i.roleLabel ?? '尚有未签'}</Table.Td>
                <Table.Td>{i.helperName ?? ''}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}
