import { Alert, Badge, Button, Group, NativeSelect, Paper, ScrollArea, Stack, Table, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { pendingKindLabels, pendingKinds, type PendingKind } from '../../../../shared/contract/pending';
import { apiQuery } from '../../api/queries';
import { ErrorBlock, PageHeader } from '../../components/PageStates';

/** 待补充: what the ledger still lacks (details the imported files did not carry) and the county's data-quality rules, by village. */
export function PendingPage() {
  const navigate = useNavigate();
  const [villageId, setVillageId] = useState('');
  const [kind, setKind] = useState<PendingKind | ''>('');
  const query = useQuery(apiQuery('pending.list', { ...(villageId ? { villageId } : {}), ...(kind ? { kind } : {}) }));
  const data = query.data;

  return (
    <Stack gap="md" maw={1200}>
      <PageHeader
        title="待补充"
        description="导入的名单中缺少、台账还需要的信息（如残疾类别、帮扶责任人、收入分项），以及县里报送前核查的数据质量问题。点“去补充”打开该户或该案件补全。"
      />
      {query.error && <ErrorBlock error={query.error} onRetry={() => void query.refetch()} />}
      {data && (
        <>
          <Paper withBorder p="md">
            <Stack gap="sm">
              <Group gap="sm" aria-label="待补充合计">
                <Badge size="lg" color={data.total > 0 ? 'orange' : 'green'} variant="light">{`共 ${data.total} 项`}</Badge>
                {data.byKind.map((k) => (
                  <Badge key={k.kind} size="lg" color="gray" variant="light">{`${pendingKindLabels[k.kind]} ${k.count}`}</Badge>
                ))}
              </Group>
              <Group align="flex-end" gap="md">
                <NativeSelect
                  label="村"
                  w={240}
                  value={villageId}
                  data={[{ value: '', label: '全部村' }, ...data.byVillage.map((v) => ({ value: v.villageId, label: `${v.villageName}（${v.count}）` }))]}
                  onChange={(e) => setVillageId(e.currentTarget.value)}
                />
                <NativeSelect
                  label="类别"
                  w={260}
                  value={kind}
                  data={[{ value: '', label: '全部类别' }, ...pendingKinds.map((k) => ({ value: k, label: pendingKindLabels[k] }))]}
                  onChange={(e) => setKind(e.currentTarget.value as PendingKind | '')}
                />
              </Group>
            </Stack>
          </Paper>
          {data.total === 0 ? (
            <Alert color="green" variant="light">
              没有待补充的信息。
            </Alert>
          ) : (
            <Paper withBorder p="md">
              {data.truncated && (
                <Text size="sm" c="dimmed" mb="xs">
                  {`只列出前 ${data.items.length} 项，请按村或类别筛选。`}
                </Text>
              )}
              <ScrollArea.Autosize mah={600}>
                <Table striped withTableBorder aria-label="待补充清单">
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th>村</Table.Th>
                      <Table.Th>户编号</Table.Th>
                      <Table.Th>户主</Table.Th>
                      <Table.Th>类别</Table.Th>
                      <Table.Th>需补充</Table.Th>
                      <Table.Th w={100} />
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {data.items.map((it, i) => (
                      <Table.Tr key={`${it.kind}-${it.householdId}-${i}`}>
                        <Table.Td>{it.villageName}</Table.Td>
                        <Table.Td>{it.householdCode}</Table.Td>
                        <Table.Td>{it.headName}</Table.Td>
                        <Table.Td>{pendingKindLabels[it.kind]}</Table.Td>
                        <Table.Td>{it.detail}</Table.Td>
                        <Table.Td>
                          <Button size="xs" variant="light" onClick={() => void navigate(it.caseId ? `/monitoring/${it.caseId}` : `/households/${it.householdId}`)}>
                            去补充
                          </Button>
                        </Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </ScrollArea.Autosize>
            </Paper>
          )}
        </>
      )}
    </Stack>
  );
}
