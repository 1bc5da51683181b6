import { Button, Group, Modal, NativeSelect, Stack, Tabs, TextInput } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { useNavigate } from 'react-router';
import type { SubsidyApplication } from '../../../../shared/contract/subsidies';
import { subsidyKindLabels, subsidyKinds, subsidyStatuses, subsidyStatusLabels, type SubsidyKind, type SubsidyStatus } from '../../../../shared/domain/subsidies';
import { invoke } from '../../api/client';
import { invalidateChannels, meQuery, officeQuery } from '../../api/queries';
import { useToday } from '../../api/today';
import { errorMessage, notifySuccess } from '../../components/formErrors';
import { PageHeader } from '../../components/PageStates';
import { ApplyDialog } from './ApplyDialog';
import { DecideDialog } from './DecideDialog';
import { ApplicationLedger, ReliefLedger, TrainingLedger, type AppFilter, type Filter } from './ledgers';
import { MonthlyTablesView } from './MonthlyTablesView';
import { ReliefDialog } from './ReliefDialog';
import { TrainingDialog } from './TrainingDialog';

type Dialog = 'training' | 'relief' | 'apply' | null;

/** 培训与补贴: 技能培训, 以工代赈, 就业补贴申请 (审核, 列入发放清册) and the monthly tables R2/R3. */
export function SubsidiesPage() {
  const today = useToday();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const office = useQuery(officeQuery);
  const me = useQuery(meQuery);
  const role = me.data?.user?.role ?? null;
  const [tab, setTab] = useState<string | null>('applications');
  const [year, setYear] = useState(today.slice(0, 4));
  const [villageId, setVillageId] = useState('');
  const [kind, setKind] = useState<SubsidyKind | ''>('');
  const [status, setStatus] = useState<SubsidyStatus | ''>('');
  const [dialog, setDialog] = useState<Dialog>(null);
  const [deciding, setDeciding] = useState<SubsidyApplication | null>(null);
  const [listing, setListing] = useState(false);
  const validYear = /^\d{4}$/.test(year);
  const base = useMemo<Filter>(() => ({ year: validYear ? Number(year) : Number(today.slice(0, 4)), ...(villageId ? { villageId } : {}) }), [year, validYear, villageId, today]);
  const appBase = useMemo<AppFilter>(() => ({ ...base, ...(kind ? { kind } : {}), ...(status ? { status } : {}) }), [base, kind, status]);
  const mayEnter = role === 'admin' || role === 'clerk';
  const mayDecide = role === 'admin' || role === 'reviewer';

  async function addToList() {
    const k: SubsidyKind = kind || 'transport';
    setListing(true);
    try {
      const r = await invoke('subsidies.addToPaymentList', { kind: k, year: base.year, villageId: villageId || null });
      await invalidateChannels(queryClient, 'subsidies.applications', 'payments.list');
      notifySuccess([`${r.lines} 份${subsidyKindLabels[k]}已列入发放清册（草稿）`, ...r.measureNotes].join('；'), '已生成清册');
      void navigate(`/payments/${r.listId}`);
    } catch (err) {
      notifySuccess(errorMessage(err), '未能生成清册');
    } finally {
      setListing(false);
    }
  }

  return (
    <Stack gap="sm">
      <PageHeader title="培训与补贴" description="技能培训、以工代赈、一次性交通补助与稳岗补贴。交通补助按务工记录和当年就业参数自动核定；审核通过的申请可一键列入发放清册。">
        {mayEnter && (
          // One row at 1366 px: wrapped, 登记补贴申请 dropped under the other two, out of line.
          <Group gap="xs" wrap="nowrap" style={{ flexShrink: 0 }}>
            <Button variant="default" onClick={() => setDialog('training')}>
              登记培训
            </Button>
            <Button variant="default" onClick={() => setDialog('relief')}>
              登记以工代赈
            </Button>
            <Button onClick={() => setDialog('apply')}>登记补贴申请</Button>
          </Group>
        )}
      </PageHeader>
      <Group gap="sm" align="flex-end">
        <TextInput label="年度" w={90} value={year} error={validYear ? undefined : '请填 4 位年度'} onChange={(e) => setYear(e.currentTarget.value)} />
        <NativeSelect label="村" w={130} data={[{ value: '', label: '全部村' }, ...(office.data?.villages ?? []).map((v) => ({ value: v.id, label: v.name }))]} value={villageId} onChange={(e) => setVillageId(e.currentTarget.value)} />
        {tab === 'applications' && (
          <>
            <NativeSelect label="补贴类型" w={150} data={[{ value: '', label: '全部类型' }, ...subsidyKinds.map((k) => ({ value: k, label: subsidyKindLabels[k] }))]} value={kind} onChange={(e) => setKind(e.currentTarget.value as SubsidyKind | '')} />
            <NativeSelect label="状态" w={130} data={[{ value: '', label: '全部状态' }, ...subsidyStatuses.map((s) => ({ value: s, label: subsidyStatusLabels[s] }))]} value={status} onChange={(e) => setStatus(e.currentTarget.value as SubsidyStatus | '')} />
            {mayDecide && (
              <Button variant="light" loading={listing} onClick={() => void addToList()}>
                已审核的{subsidyKindLabels[kind || 'transport']}列入发放清册
              </Button>
            )}
          </>
        )}
      </Group>
      <Tabs value={tab} onChange={setTab} keepMounted={false}>
        <Tabs.List>
          <Tabs.Tab value="applications">补贴申请</Tabs.Tab>
          <Tabs.Tab value="trainings">技能培训</Tabs.Tab>
          <Tabs.Tab value="relief">以工代赈</Tabs.Tab>
          <Tabs.Tab value="tables">月报 R2/R3</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="applications" pt="xs">
          <ApplicationLedger base={appBase} onOpen={(a) => (mayDecide && a.status === 'applied' ? setDeciding(a) : undefined)} />
        </Tabs.Panel>
        <Tabs.Panel value="trainings" pt="xs">
          <TrainingLedger base={base} />
        </Tabs.Panel>
        <Tabs.Panel value="relief" pt="xs">
          <ReliefLedger base={base} />
        </Tabs.Panel>
        <Tabs.Panel value="tables" pt="xs">
          <MonthlyTablesView />
        </Tabs.Panel>
      </Tabs>
      <Modal opened={dialog === 'training'} onClose={() => setDialog(null)} title="登记技能培训">
        {dialog === 'training' && <TrainingDialog onClose={() => setDialog(null)} />}
      </Modal>
      <Modal opened={dialog === 'relief'} onClose={() => setDialog(null)} title="登记以工代赈">
        {dialog === 'relief' && <ReliefDialog onClose={() => setDialog(null)} />}
      </Modal>
      <Modal opened={dialog === 'apply'} onClose={() => setDialog(null)} title="登记就业补贴申请">
        {dialog === 'apply' && <ApplyDialog onClose={() => setDialog(null)} />}
      </Modal>
      <Modal opened={deciding !== null} onClose={() => setDeciding(null)} title="审核补贴申请">
        {deciding && <DecideDialog app={deciding} onClose={() => setDeciding(null)} />}
      </Modal>
    </Stack>
  );
}
