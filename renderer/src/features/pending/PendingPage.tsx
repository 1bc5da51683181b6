import { Alert, Badge, Button, Group, NativeSelect, Stack, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { pendingKindLabels, pendingKinds, type PendingItem, type PendingKind } from '../../../../shared/contract/pending';
import { apiQuery } from '../../api/queries';
import { errorMessage } from '../../components/formErrors';
import {
  ColumnChooser,
  LedgerTable,
  ledgerClasses,
  ledgerColumnHelper,
  useLedgerTable,
  usePagedLedger,
  wholeListPageQuery,
  type ListSort,
  type WholeListBase,
} from '../../components/ledger';
import { PageHeader } from '../../components/PageStates';

const sortColumns = ['villageName', 'householdCode', 'headName', 'kind'] as const;
type SortColumn = (typeof sortColumns)[number];
const isSortColumn = (id: string): id is SortColumn => (sortColumns as readonly string[]).includes(id);
const sortValue = (it: PendingItem, c: SortColumn) => (c === 'kind' ? pendingKindLabels[it.kind] : it[c]);
const pageQuery = wholeListPageQuery('pending.list', (out) => out.items, sortValue);

const itemId = (it: PendingItem) => `${it.kind}-${it.householdId}-${it.caseId ?? ''}-${it.detail}`;
const target = (it: PendingItem) => (it.caseId ? `/monitoring/${it.caseId}` : `/households/${it.householdId}`);

/** 待补充: what the ledger still lacks (details the imported files did not carry) and the county's data-quality rules, by village. */
export function PendingPage() {
  const navigate = useNavigate();
  const [villageId, setVillageId] = useState('');
  const [kind, setKind] = useState<PendingKind | ''>('');
  const [sort, setSort] = useState<ListSort<SortColumn> | null>(null);
  // The counts by village and kind are of the whole office, whatever the filter.
  const all = useQuery(apiQuery('pending.list', {}));
  const base = useMemo<WholeListBase<'pending.list', SortColumn>>(
    () => ({ input: { ...(villageId ? { villageId } : {}), ...(kind ? { kind } : {}) }, sort }),
    [villageId, kind, sort],
  );
  const ledger = usePagedLedger({ base, pageQuery, fit: { margin: 12, min: 280, initial: 500 } });
  const columns = useMemo(() => {
    const col = ledgerColumnHelper<PendingItem>();
    return col.columns([
      col.accessor('villageName', { header: '村', size: 96, meta: { label: '村' } }),
      col.accessor('householdCode', { header: '户编号', size: 150, meta: { label: '户编号', className: ledgerClasses.mono } }),
      col.accessor('headName', { header: '户主', size: 80, meta: { label: '户主' } }),
      col.accessor('kind', { header: '类别', size: 190, cell: (i) => pendingKindLabels[i.getValue()], meta: { label: '类别' } }),
      col.accessor('detail', { header: '需补充', size: 420, enableSorting: false, meta: { label: '需补充' } }),
      col.display({
        id: 'open',
        header: '',
        size: 90,
        enableHiding: false,
        cell: (i) => (
          <Button
            size="compact-xs"
            variant="light"
            onClick={(e) => {
              e.stopPropagation();
              void navigate(target(i.row.original));
            }}
          >
            去补充
          </Button>
        ),
        meta: { label: '操作' },
      }),
    ]);
  }, [navigate]);
  const table = useLedgerTable({ columns, data: ledger.data, rowId: itemId, sort, onSort: setSort, isSortColumn, visibilityKey: 'pending.columns.v1' });
  const counts = all.data;
  const truncated = ledger.shown?.page?.whole.truncated ?? false;

  return (
    <Stack ref={ledger.measureRef} gap="xs" style={{ height: ledger.height }}>
      <PageHeader
        title="待补充"
        description="导入的名单中缺少、台账还需要的信息（如残疾类别、帮扶责任人、收入分项），以及县里报送前核查的数据质量问题。点一行或“去补充”打开该户或该监测对象补全。"
      />
      {all.error && (
        <Alert color="red" title="待补充没有加载出来">
          {errorMessage(all.error)}
        </Alert>
      )}
      <Group gap="sm" aria-label="待补充合计">
        {counts && <Badge size="lg" color={counts.total > 0 ? 'orange' : 'green'} variant="light">{`共 ${counts.total} 项`}</Badge>}
        {counts?.byKind.map((k) => (
          <Badge key={k.kind} size="lg" color="gray" variant="light">{`${pendingKindLabels[k.kind]} ${k.count}`}</Badge>
        ))}
      </Group>
      <Group align="flex-end" gap="sm">
        <NativeSelect
          label="村"
          w={200}
          value={villageId}
          data={[{ value: '', label: '全部村' }, ...(counts?.byVillage ?? []).map((v) => ({ value: v.villageId, label: `${v.villageName}（${v.count}）` }))]}
          onChange={(e) => setVillageId(e.currentTarget.value)}
        />
        <NativeSelect
          label="类别"
          w={240}
          value={kind}
          data={[{ value: '', label: '全部类别' }, ...pendingKinds.map((k) => ({ value: k, label: pendingKindLabels[k] }))]}
          onChange={(e) => setKind(e.currentTarget.value as PendingKind | '')}
        />
        <ColumnChooser table={table} />
        {/* The same households as a ledger (filter 待补充：有), to export or to work through by village. */}
        <Button component={Link} variant="light" to={`/households?pending=1${villageId ? `&village=${encodeURIComponent(villageId)}` : ''}`}>
          在户籍台账中查看
        </Button>
        <Button component={Link} variant="subtle" to={`/monitoring?pending=1${villageId ? `&village=${encodeURIComponent(villageId)}` : ''}`}>
          在监测对象台账中查看
        </Button>
        {truncated && (
          <Text size="sm" c="dimmed">
            {`只列出前 ${ledger.total} 项，请按村或类别筛选。`}
          </Text>
        )}
      </Group>
      {ledger.failed && (
        <Alert color="red" title="待补充清单没有加载出来">
          {errorMessage(ledger.failed)}
        </Alert>
      )}
      <LedgerTable
        ledger={ledger}
        table={table}
        label="待补充清单"
        style={{ flex: 1, minHeight: 0 }}
        onOpen={(it) => void navigate(target(it))}
        rowId={itemId}
        rowTitle="单击或按回车打开该户或该监测对象补全"
        empty={
          villageId || kind ? (
            <Stack gap={4} align="center">
              <Text fw={500}>这个村或类别没有待补充的信息</Text>
              <Text size="sm" c="dimmed">
                换一个村或类别，或选“全部村”“全部类别”查看。
              </Text>
            </Stack>
          ) : (
            <Stack gap={4} align="center">
              <Text fw={500} c="green.8">
                没有待补充的信息
              </Text>
              <Text size="sm" c="dimmed">
                导入名单或录入新户后，缺少的信息和数据质量问题会列在这里。
              </Text>
            </Stack>
          )
        }
      />
    </Stack>
  );
}
