import {
  ActionIcon,
  Anchor,
  Button,
  Checkbox,
  Group,
  NativeSelect,
  Pagination,
  Paper,
  Stack,
  Table,
  Text,
  TextInput,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Fragment, useState } from 'react';
import type { InputOf } from '../../../../shared/contract';
import type { AuditRow } from '../../../../shared/contract/audit';
import { isoDate } from '../../../../shared/contract/fields';
import { apiQuery } from '../../api/queries';
import { useSession } from '../../api/session';
import { formatDateTime } from '../../components/format';
import { ErrorBlock, LoadingBlock, PageHeader } from '../../components/PageStates';
import { auditFeatures, channelLabel } from './channelLabels';
import { fieldLabel, formatFieldValue } from './fieldLabels';
import { DateField } from '../../components/DateField';
import { ExportEntryDetail } from './ExportEntryDetail';

const pageSize = 50;

interface FilterValues {
  from: string;
  to: string;
  userId: string;
  onlyMine: boolean;
  feature: string;
  entityId: string;
}

const emptyFilters: FilterValues = { from: '', to: '', userId: '', onlyMine: false, feature: '', entityId: '' };

type AuditListInput = InputOf<'audit.list'>;

const entityLabels: Record<string, string> = {
  user: '用户',
  office: '单位',
  village: '村',
  villageGroup: '村民小组',
  household: '户',
  member: '家庭成员',
  monitoringCase: '监测案件',
  income: '收入',
  measure: '帮扶措施',
  visit: '走访',
  signature: '签字',
  printed_documents: '打印文书',
  print_settings: '公示设置',
  import: '导入',
  import_preset: '导入预设',
  export: '导出',
  submission: '季度报送',
  backup: '备份',
};

function validateFilters(values: FilterValues): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const key of ['from', 'to'] as const) {
    if (values[key] === '') continue;
    const checked = isoDate.safeParse(values[key]);
    if (!checked.success) errors[key] = checked.error.issues[0]?.message ?? '日期无效';
  }
  if (!errors.from && !errors.to && values.from && values.to && values.from > values.to) {
    errors.to = '结束日期不能早于开始日期';
  }
  return errors;
}

function toInput(values: FilterValues, myId: string): Omit<AuditListInput, 'offset' | 'limit'> {
  const userId = values.onlyMine ? myId : values.userId;
  return {
    ...(values.from ? { from: values.from } : {}),
    ...(values.to ? { to: values.to } : {}),
    ...(userId ? { userId } : {}),
    ...(values.feature ? { channel: values.feature } : {}),
    ...(values.entityId.trim() ? { entityId: values.entityId.trim() } : {}),
  };
}

/** 操作日志: who did what and when, read-only. Admins and reviewers only. */
export function AuditPage() {
  const { user } = useSession();
  const isAdmin = user.role === 'admin';
  const [applied, setApplied] = useState<Omit<AuditListInput, 'offset' | 'limit'>>({});
  const [page, setPage] = useState(1);
  const [expanded, setExpanded] = useState<string | null>(null);

  const form = useForm<FilterValues>({ initialValues: emptyFilters, validate: validateFilters });
  const users = useQuery({ ...apiQuery('users.list', {}), enabled: isAdmin });
  const log = useQuery({
    ...apiQuery('audit.list', { ...applied, offset: (page - 1) * pageSize, limit: pageSize }),
    placeholderData: keepPreviousData,
  });

  const userOptions = [
    { value: '', label: '全部' },
    ...(users.data?.rows ?? []).map((u) => ({ value: u.id, label: `${u.displayName}（${u.username}）` })),
  ];
  const totalPages = Math.max(1, Math.ceil((log.data?.total ?? 0) / pageSize));

  const search = form.onSubmit((values) => {
    setApplied(toInput(values, user.id));
    setPage(1);
    setExpanded(null);
  });

  function showEntity(entityId: string) {
    const values = { ...emptyFilters, entityId };
    form.setValues(values);
    form.clearErrors();
    setApplied(toInput(values, user.id));
    setPage(1);
    setExpanded(null);
  }

  return (
    <>
      <PageHeader title="操作日志" description="每一次新增、修改、登录都记在这里，只能查看，不能修改或删除。" />

      <Paper withBorder p="sm" mb="md">
        <form onSubmit={search} noValidate>
          <Group align="flex-start" gap="sm" wrap="wrap">
            <DateField label="开始日期" w={150} value={form.values.from} error={form.errors.from} onChange={(v) => form.setFieldValue('from', v)} />
            <DateField label="结束日期" w={150} value={form.values.to} error={form.errors.to} onChange={(v) => form.setFieldValue('to', v)} />
            {isAdmin ? (
              <NativeSelect label="操作人" w={200} data={userOptions} {...form.getInputProps('userId')} />
            ) : (
              <Checkbox label="只看我的操作" mt={30} {...form.getInputProps('onlyMine', { type: 'checkbox' })} />
            )}
            <NativeSelect
              label="功能"
              w={130}
              data={[{ value: '', label: '全部' }, ...auditFeatures.map((f) => ({ value: f.value, label: f.label }))]}
              {...form.getInputProps('feature')}
            />
            <TextInput label="记录编号" w={260} placeholder="户、用户或村的记录编号" {...form.getInputProps('entityId')} />
            <Group gap="xs" mt={25}>
              <Button type="submit">查询</Button>
              <Button
                variant="default"
                onClick={() => {
                  form.setValues(emptyFilters);
                  form.clearErrors();
                  setApplied({});
                  setPage(1);
                  setExpanded(null);
                }}
              >
                重置
              </Button>
            </Group>
          </Group>
        </form>
      </Paper>

      {log.isPending && <LoadingBlock />}
      {log.isError && <ErrorBlock error={log.error} onRetry={() => void log.refetch()} />}
      {log.data && (
        <Paper withBorder>
          <Table highlightOnHover stickyHeader aria-label="操作日志" style={{ opacity: log.isPlaceholderData ? 0.6 : 1 }}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th w={36} />
                <Table.Th w={170}>时间</Table.Th>
                <Table.Th w={140}>操作人</Table.Th>
                <Table.Th w={140}>功能</Table.Th>
                <Table.Th>摘要</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {log.data.rows.length === 0 && (
                <Table.Tr>
                  <Table.Td colSpan={5}>
                    <Text size="sm" c="dimmed" ta="center" py="md">
                      没有符合条件的记录
                    </Text>
                  </Table.Td>
                </Table.Tr>
              )}
              {log.data.rows.map((row) => {
                const open = expanded === row.id;
                const toggle = () => setExpanded(open ? null : row.id);
                return (
                  <Fragment key={row.id}>
                    <Table.Tr onClick={toggle} style={{ cursor: 'pointer' }} bg={open ? 'ledger.0' : undefined}>
                      <Table.Td>
                        <ActionIcon
                          variant="subtle"
                          size="sm"
                          color="gray"
                          aria-expanded={open}
                          aria-label={open ? '收起明细' : '查看明细'}
                          onClick={(e) => {
                            e.stopPropagation();
                            toggle();
                          }}
                        >
                          {open ? '▾' : '▸'}
                        </ActionIcon>
                      </Table.Td>
                      <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDateTime(row.at)}</Table.Td>
                      <Table.Td>{row.userName}</Table.Td>
                      <Table.Td>{channelLabel(row.channel)}</Table.Td>
                      <Table.Td>{row.summary}</Table.Td>
                    </Table.Tr>
                    {open && (
                      <Table.Tr bg="ledger.0">
                        <Table.Td />
                        <Table.Td colSpan={4}>
                          <AuditDetail row={row} onShowEntity={showEntity} />
                        </Table.Td>
                      </Table.Tr>
                    )}
                  </Fragment>
                );
              })}
            </Table.Tbody>
          </Table>
          <Group justify="space-between" p="sm">
            <Text size="sm" c="dimmed">
              共 {log.data.total} 条{log.data.total > 0 ? `，第 ${page} / ${totalPages} 页` : ''}
            </Text>
            <Pagination
              total={totalPages}
              value={page}
              onChange={(p) => {
                setPage(p);
                setExpanded(null);
              }}
              hideWithOnePage
            />
          </Group>
        </Paper>
      )}
    </>
  );
}

function AuditDetail({ row, onShowEntity }: { row: AuditRow; onShowEntity: (entityId: string) => void }) {
  return (
    <Stack gap="xs" py={4}>
      <Text size="xs" c="dimmed">
        对象：{entityLabels[row.entity] ?? row.entity}，记录编号 {row.entityId}
        {' · '}
        <Anchor component="button" type="button" size="xs" onClick={() => onShowEntity(row.entityId)}>
          只看这条记录的日志
        </Anchor>
      </Text>
      {row.entity === 'export' && row.changes.length > 0 ? (
        <ExportEntryDetail row={row} />
      ) : row.changes.length === 0 ? (
        <Text size="sm" c="dimmed">
          这次操作没有字段变化的记录。
        </Text>
      ) : (
        <Table withTableBorder withColumnBorders bg="white" maw={760} aria-label="修改明细">
          <Table.Thead>
            <Table.Tr>
              <Table.Th w={180}>字段</Table.Th>
              <Table.Th>修改前</Table.Th>
              <Table.Th>修改后</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {row.changes.map((c) => (
              <Table.Tr key={c.field}>
                <Table.Td>{fieldLabel(c.field)}</Table.Td>
                <Table.Td c="dimmed" style={{ wordBreak: 'break-word' }}>
                  {formatFieldValue(c.field, c.before)}
                </Table.Td>
                <Table.Td style={{ wordBreak: 'break-word' }}>{formatFieldValue(c.field, c.after)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}
