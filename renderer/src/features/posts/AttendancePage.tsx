import { Alert, Button, Group, NativeSelect, Paper, Stack, Table, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useMemo, useState, type KeyboardEvent } from 'react';
import { useNavigate } from 'react-router';
import type { MonthRow } from '../../../../shared/contract/posts';
import { gradeLabels, grades, monthPay, type Grade } from '../../../../shared/domain/posts';
import { readYuan } from '../../../../shared/lib/money';
import { invoke } from '../../api/client';
import { apiQuery, invalidateChannels, officeQuery } from '../../api/queries';
import { useToday } from '../../api/today';
import { formatYuan, yuanText } from '../../components/money';
import { ErrorBlock, LoadingBlock, PageHeader } from '../../components/PageStates';
import { errorMessage } from '../../components/formErrors';
import { rememberedVillage } from './PostsPage';

interface Draft {
  days: string;
  grade: Grade;
  adjust: string;
  reason: string;
}

const columns = ['days', 'grade', 'adjust', 'reason'] as const;

function draftOf(r: MonthRow): Draft {
  return { days: r.recorded ? String(r.days) : '', grade: r.grade, adjust: r.adjustFen === 0 ? '' : (r.adjustFen < 0 ? '-' : '') + yuanText(Math.abs(r.adjustFen)), reason: r.adjustReason ?? '' };
}

/** What one row gives as typed: 应发 / 实发 with the same rule the core applies, or why not. */
function computed(r: MonthRow, d: Draft, daysInMonth: number) {
  if (d.days.trim() === '') return { dueFen: null, paidFen: null, problem: null };
  const days = Number(d.days);
  const adj = readYuan(d.adjust, { label: '扣发或奖励', negative: true });
  if (!adj.ok) return { dueFen: null, paidFen: null, problem: adj.error };
  const p = monthPay(r.subsidyFen, r.minDays, daysInMonth, { days, grade: d.grade, adjustFen: adj.fen ?? 0, adjustReason: d.reason.trim() || null });
  return p;
}

/**
 * 月度考勤与补贴: every post holder of a village for one month in one grid. Tab moves right, Enter
 * moves down the same column, so a clerk types a column of days without the mouse.
 */
export function AttendancePage() {
  const today = useToday();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const office = useQuery(officeQuery);
  const villages = useMemo(() => office.data?.villages ?? [], [office.data]);
  const [villageId, setVillage] = useState(rememberedVillage.id);
  const [month, setMonth] = useState(today.slice(0, 7));
  useEffect(() => {
    if (villageId === '' && villages.length > 0) setVillage(villages[0]!.id);
  }, [villageId, villages]);
  const validMonth = /^\d{4}-(0[1-9]|1[0-2])$/.test(month);
  const grid = useQuery({ ...apiQuery('posts.monthGrid', { villageId, month }), enabled: villageId !== '' && validMonth });
  const [drafts, setDrafts] = useState<Record<string, Draft>>({});
  useEffect(() => {
    if (grid.data) setDrafts(Object.fromEntries(grid.data.rows.map((r) => [r.appointmentId, draftOf(r)])));
  }, [grid.data]);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);

  const rows = useMemo(() => grid.data?.rows ?? [], [grid.data]);
  const dim = grid.data?.daysInMonth ?? 31;
  const results = useMemo(() => rows.map((r) => computed(r, drafts[r.appointmentId] ?? draftOf(r), dim)), [rows, drafts, dim]);
  const totalDue = results.reduce((s, x) => s + (x.dueFen ?? 0), 0);
  const totalPaid = results.reduce((s, x) => s + (x.paidFen ?? 0), 0);
  const onList = rows.some((r) => r.paymentListId !== null);

  const set = (id: string, key: keyof Draft, value: string) => setDrafts((d) => ({ ...d, [id]: { ...(d[id] ?? draftOf(rows.find((r) => r.appointmentId === id)!)), [key]: value } }));

  function onKeyDown(e: KeyboardEvent<HTMLElement>) {
    if (e.key !== 'Enter') return;
    const cell = (e.target as HTMLElement).closest('[data-cell]')?.getAttribute('data-cell');
    if (!cell) return;
    e.preventDefault();
    const [row, col] = cell.split(':').map(Number) as [number, number];
    const next = document.querySelector<HTMLElement>(`[data-cell="${row + (e.shiftKey ? -1 : 1)}:${col}"] input, [data-cell="${row + (e.shiftKey ? -1 : 1)}:${col}"] select`);
    next?.focus();
    if (next instanceof HTMLInputElement) next.select();
  }

  async function save(): Promise<boolean> {
    setFailure(null);
    const input = [];
    for (const [i, r] of rows.entries()) {
      const d = drafts[r.appointmentId] ?? draftOf(r);
      if (d.days.trim() === '') continue;
      if (!/^\d{1,2}$/.test(d.days.trim())) {
        setFailure(`第 ${i + 1} 行（${r.name}）的出勤天数应为 0 到 ${dim} 之间的整数`);
        return false;
      }
      const problem = results[i]?.problem;
      if (problem) {
        setFailure(`第 ${i + 1} 行（${r.name}）：${problem}`);
        return false;
      }
      const adj = readYuan(d.adjust, { negative: true });
      input.push({ appointmentId: r.appointmentId, days: Number(d.days), grade: d.grade, adjustFen: adj.ok ? (adj.fen ?? 0) : 0, adjustReason: d.reason });
    }
    setBusy(true);
    try {
      const r = await invoke('posts.saveMonth', { villageId, month, rows: input });
      notifications.show({ color: 'green', title: '已保存', message: r.saved > 0 ? `已保存 ${r.saved} 人的考勤` : '没有改动' });
      await invalidateChannels(queryClient, 'posts.monthGrid');
      return true;
    } catch (err) {
      setFailure(errorMessage(err));
      return false;
    } finally {
      setBusy(false);
    }
  }

  async function makeList() {
    if (!(await save())) return;
    setBusy(true);
    try {
      const r = await invoke('posts.makePaymentList', { villageId, month });
      notifications.show({ color: 'green', title: '已生成发放清册', message: `共 ${r.lines} 人，请在清册中公示、审核后交银行` });
      await invalidateChannels(queryClient, 'posts.monthGrid', 'payments.list');
      void navigate(`/payments/${r.listId}`);
    } catch (err) {
      setFailure(errorMessage(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Stack gap="md">
      <PageHeader title="公益岗月度考勤与补贴" description="一月一考评、一月一发放：出勤天数达到岗位最低出勤且考核不为“不合格”时应发当月补贴；扣发填负数、奖励填正数，都须写明原因。Tab 向右，回车向下。" />
      <Group align="flex-end">
        <NativeSelect label="村" value={villageId} onChange={(e) => setVillage(e.currentTarget.value)} data={villages.map((v) => ({ value: v.id, label: v.name }))} w={200} />
        <TextInput label="月份" value={month} onChange={(e) => setMonth(e.currentTarget.value.trim())} error={validMonth ? undefined : '格式：2026-05'} w={120} />
        <Button onClick={() => void save()} loading={busy} disabled={rows.length === 0}>
          保存考勤
        </Button>
        <Button variant="light" onClick={() => void makeList()} loading={busy} disabled={rows.length === 0}>
          生成发放清册
        </Button>
      </Group>
      {failure && (
        <Alert color="red" variant="light" title="没有办成" role="alert">
          {failure}
        </Alert>
      )}
      {onList && <Alert variant="light">已列入发放清册的行不能再修改；如有错误，请在清册中删去该行（草稿时）或做更正。</Alert>}
      {grid.isLoading && <LoadingBlock />}
      {grid.error && <ErrorBlock error={grid.error} onRetry={() => void grid.refetch()} />}
      {grid.data && (
        <Paper withBorder>
          <Table striped onKeyDown={onKeyDown} aria-label="月度考勤表">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>序号</Table.Th>
                <Table.Th>姓名</Table.Th>
                <Table.Th>岗位</Table.Th>
                <Table.Th>补贴标准</Table.Th>
                <Table.Th w={90}>出勤天数</Table.Th>
                <Table.Th w={110}>考核</Table.Th>
                <Table.Th w={120}>扣发(−)/奖励(+) 元</Table.Th>
                <Table.Th>原因</Table.Th>
                <Table.Th>应发</Table.Th>
                <Table.Th>实发</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.length === 0 && (
                <Table.Tr>
                  <Table.Td colSpan={10}>
                    <Text c="dimmed" ta="center" py="md">
                      本月本村没有已签协议的公益岗人员。
                    </Text>
                  </Table.Td>
                </Table.Tr>
              )}
              {rows.map((r, i) => {
                const d = drafts[r.appointmentId] ?? draftOf(r);
                const res = results[i]!;
                const locked = r.paymentListId !== null;
                return (
                  <Table.Tr key={r.appointmentId}>
                    <Table.Td>{i + 1}</Table.Td>
                    <Table.Td>{r.name}</Table.Td>
                    <Table.Td>{r.postName}</Table.Td>
                    <Table.Td>{formatYuan(r.subsidyFen)}（≥{r.minDays} 天）</Table.Td>
                    {columns.map((c, ci) => (
                      <Table.Td key={c} data-cell={`${i}:${ci}`}>
                        {c === 'grade' ? (
                          <NativeSelect size="xs" aria-label={`${r.name} 考核`} disabled={locked} value={d.grade} onChange={(e) => set(r.appointmentId, 'grade', e.currentTarget.value)} data={grades.map((g) => ({ value: g, label: gradeLabels[g] }))} />
                        ) : (
                          <TextInput
                            size="xs"
                            aria-label={`${r.name} ${c === 'days' ? '出勤天数' : c === 'adjust' ? '扣发或奖励' : '原因'}`}
                            disabled={locked}
                            value={d[c]}
                            onChange={(e) => set(r.appointmentId, c, e.currentTarget.value)}
                          />
                        )}
                      </Table.Td>
                    ))}
                    <Table.Td>{res.dueFen === null ? '—' : formatYuan(res.dueFen)}</Table.Td>
                    <Table.Td>
                      {res.problem ? (
                        <Text size="xs" c="red">
                          {res.problem}
                        </Text>
                      ) : res.paidFen === null ? (
                        '—'
                      ) : (
                        formatYuan(res.paidFen)
                      )}
                    </Table.Td>
                  </Table.Tr>
                );
              })}
              {rows.length > 0 && (
                <Table.Tr>
                  <Table.Td colSpan={8}>
                    <Text fw={600}>合计（{rows.length} 人）</Text>
                  </Table.Td>
                  <Table.Td fw={600}>{formatYuan(totalDue)}</Table.Td>
                  <Table.Td fw={600}>{formatYuan(totalPaid)}</Table.Td>
                </Table.Tr>
              )}
            </Table.Tbody>
          </Table>
        </Paper>
      )}
    </Stack>
  );
}
