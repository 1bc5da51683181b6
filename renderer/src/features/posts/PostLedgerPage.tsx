import { Alert, Group, NativeSelect, Stack, Text, TextInput, Title } from '@mantine/core';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { useTable } from '@tanstack/react-table';
import { useMemo, useState } from 'react';
import { useNavigate } from 'react-router';
import type { PostLedgerRow } from '../../../../shared/contract/postLedger';
import { householdKindLabels } from '../../../../shared/domain/household';
import { appointmentStatusLabels } from '../../../../shared/domain/posts';
import { formatYuan } from '../../../../shared/lib/money';
import { invoke } from '../../api/client';
import { apiQuery, officeQuery } from '../../api/queries';
import { useToday } from '../../api/today';
import { errorMessage } from '../../components/formErrors';
import { LEDGER_PAGE_SIZE, LedgerTable, ledgerColumnHelper, ledgerFeatures, usePagedLedger } from '../../components/ledger';
import { ExportButton } from '../files';

interface Base {
  year: number;
  villageId?: string;
  postType?: string;
  status?: 'onDuty' | 'left';
}

function pageQuery(base: Base, page: number) {
  return queryOptions({
    queryKey: ['posts.ledger', base, 'page', page] as const,
    queryFn: () => invoke('posts.ledger', { ...base, offset: page * LEDGER_PAGE_SIZE, limit: LEDGER_PAGE_SIZE }),
    staleTime: 30_000,
  });
}

const col = ledgerColumnHelper<PostLedgerRow>();
const columns = col.columns([
  col.accessor('villageName', { header: '村', size: 84, enableSorting: false, meta: { label: '村' } }),
  col.accessor('postName', { header: '岗位名称', size: 140, enableSorting: false, meta: { label: '岗位名称' } }),
  col.accessor('postType', { header: '岗位类型', size: 90, enableSorting: false, meta: { label: '岗位类型' } }),
  col.accessor('funding', { header: '资金渠道', size: 100, enableSorting: false, meta: { label: '资金渠道' } }),
  col.accessor('name', { header: '姓名', size: 72, enableSorting: false, meta: { label: '姓名' } }),
  col.accessor('householdCode', { header: '户编号', size: 130, enableSorting: false, meta: { label: '户编号' } }),
  col.accessor('householdKind', { header: '户类型', size: 80, enableSorting: false, cell: (i) => householdKindLabels[i.getValue()], meta: { label: '户类型' } }),
  col.accessor('status', { header: '状态', size: 72, enableSorting: false, cell: (i) => appointmentStatusLabels[i.getValue()], meta: { label: '状态' } }),
  col.accessor('startDate', { header: '协议开始', size: 96, enableSorting: false, cell: (i) => i.getValue() ?? '', meta: { label: '协议开始' } }),
  col.accessor('endDate', { header: '协议结束', size: 96, enableSorting: false, cell: (i) => i.getValue() ?? '', meta: { label: '协议结束' } }),
  col.accessor('leftDate', { header: '退岗日期', size: 96, enableSorting: false, cell: (i) => i.getValue() ?? '', meta: { label: '退岗日期' } }),
  col.accessor('subsidyFen', { header: '补贴（元/月）', size: 96, enableSorting: false, cell: (i) => formatYuan(i.getValue()), meta: { label: '补贴标准' } }),
  col.accessor('months', { header: '月数', size: 60, enableSorting: false, meta: { label: '公益性岗位(月数)' } }),
  col.accessor('dueFen', { header: '应发（元）', size: 96, enableSorting: false, cell: (i) => formatYuan(i.getValue()), meta: { label: '应发' } }),
  col.accessor('paidFen', { header: '实发（元）', size: 96, enableSorting: false, cell: (i) => formatYuan(i.getValue()), meta: { label: '实发' } }),
]);

/** 公益性岗位台账: every holder with an agreement in the year, with months, 应发 and 实发 from the attendance. */
export function PostLedgerPage() {
  const today = useToday();
  const navigate = useNavigate();
  const office = useQuery(officeQuery);
  const catalog = useQuery(apiQuery('posts.catalog', {}));
  const villages = office.data?.villages ?? [];
  const [year, setYear] = useState(today.slice(0, 4));
  const [villageId, setVillageId] = useState('');
  const [postType, setPostType] = useState('');
  const [status, setStatus] = useState<'' | 'onDuty' | 'left'>('');
  const validYear = /^\d{4}$/.test(year) && Number(year) >= 2000 && Number(year) <= 2100;
  const base = useMemo<Base>(() => {
    const b: Base = { year: validYear ? Number(year) : Number(today.slice(0, 4)) };
    if (villageId) b.villageId = villageId;
    if (postType) b.postType = postType;
    if (status) b.status = status;
    return b;
  }, [year, validYear, villageId, postType, status, today]);
  const ledger = usePagedLedger({ base, pageQuery, fit: { margin: 12, min: 320, initial: 600 } });
  const table = useTable({ features: ledgerFeatures, columns, data: ledger.data, getRowId: (r) => r.appointmentId });

  return (
    <Stack ref={ledger.measureRef} gap="xs" style={{ height: ledger.height }}>
      <Group gap="md" align="baseline">
        <Title order={3}>公益性岗位台账</Title>
        <Text c="dimmed" size="sm" aria-live="polite">
          {ledger.shown === null ? '正在加载…' : `共 ${ledger.shown.total.toLocaleString('zh-CN')} 人次`}
        </Text>
        <ExportButton ledger="welfarePosts" filters={base} />
      </Group>
      <Group gap="sm" align="flex-end">
        <TextInput label="年度" w={90} value={year} error={validYear ? undefined : '请填 4 位年度'} onChange={(e) => setYear(e.currentTarget.value)} />
        <NativeSelect
          label="村"
          w={130}
          data={[{ value: '', label: '全部村' }, ...villages.map((v) => ({ value: v.id, label: v.name }))]}
          value={villageId}
          onChange={(e) => setVillageId(e.currentTarget.value)}
        />
        <NativeSelect
          label="岗位类型"
          w={130}
          data={[{ value: '', label: '全部类型' }, ...(catalog.data?.postTypes ?? []).map((t) => ({ value: t, label: t }))]}
          value={postType}
          onChange={(e) => setPostType(e.currentTarget.value)}
        />
        <NativeSelect
          label="状态"
          w={110}
          data={[
            { value: '', label: '全部' },
            { value: 'onDuty', label: '在岗' },
            { value: 'left', label: '已退岗' },
          ]}
          value={status}
          onChange={(e) => setStatus(e.currentTarget.value as '' | 'onDuty' | 'left')}
        />
      </Group>
      {ledger.failed && (
        <Alert color="red" title="台账没有加载出来">
          {errorMessage(ledger.failed)}
        </Alert>
      )}
      <LedgerTable
        ledger={ledger}
        table={table}
        label="公益性岗位台账"
        style={{ flex: 1, minHeight: 0 }}
        onOpen={(r) => void navigate(`/households/${r.householdId}`)}
        rowId={(r) => r.appointmentId}
        rowTitle="单击或按回车打开该户"
        empty={
          <Stack gap="xs" align="center">
            <Text fw={500}>没有符合条件的公益岗聘用记录</Text>
            <Text size="sm" c="dimmed">
              在“公益性岗位”页面设岗并完成聘用（签协议、在岗）后出现在这里；也可换一个年度或放宽筛选。
            </Text>
          </Stack>
        }
      />
    </Stack>
  );
}
