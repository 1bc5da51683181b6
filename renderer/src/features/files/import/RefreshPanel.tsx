import { Badge, Button, Group, NativeSelect, Paper, ScrollArea, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useMemo, useState } from 'react';
import type { RefreshDecision, RefreshEntry, RefreshFindings } from '../../../../../shared/contract/importRefresh';
import { memberLeaveStatuses, memberStatusLabels, type MemberLeaveStatus } from '../../../../../shared/domain/household';
import { DateField } from '../../../components/DateField';

// Monthly refresh (issue 11 item 4): what next month's national export changes per household, and
// the 文件中已无 rows the clerk decides one by one (减员 with type, date and reason, or 保留).

/** A row's decision as the clerk is filling it in. */
export interface DecisionDraft {
  action: 'leave' | 'keep' | '';
  status: MemberLeaveStatus;
  date: string;
  reason: string;
}

export type DecisionDrafts = Record<string, DecisionDraft>;

export function emptyDraft(today: string): DecisionDraft {
  return { action: '', status: 'movedOut', date: today, reason: '国家系统名单中已无' };
}

/** The drafts as the apply channel takes them; null while a row is undecided or a 减员 lacks its reason. */
export function decisionsOf(findings: RefreshFindings | null, drafts: DecisionDrafts): RefreshDecision[] | null {
  const out: RefreshDecision[] = [];
  for (const m of findings?.missing ?? []) {
    const d = drafts[m.id];
    if (!d || d.action === '') return null;
    if (d.action === 'keep') out.push({ id: m.id, action: 'keep' });
    else if (d.date === '' || d.reason.trim() === '') return null;
    else out.push({ id: m.id, action: 'leave', status: d.status, date: d.date, reason: d.reason.trim() });
  }
  return out;
}

function entryText(e: RefreshEntry): string {
  const who = e.member ? `${e.member} ` : '';
  if (e.before === null) return `${who}${e.field}：${e.after ?? ''}`;
  return `${who}${e.field}：${e.before} → ${e.after ?? '（空）'}`;
}

interface RefreshPanelProps {
  findings: RefreshFindings;
  drafts: DecisionDrafts;
  onDrafts: (next: DecisionDrafts) => void;
  today: string;
  busy: boolean;
}

export function RefreshPanel({ findings, drafts, onDrafts, today, busy }: RefreshPanelProps) {
  const [text, setText] = useState('');
  const [field, setField] = useState('');
  const fields = useMemo(() => [...new Set(findings.changes.flatMap((c) => c.entries.map((e) => e.field)))], [findings]);
  const shown = findings.changes.filter(
    (c) =>
      (field === '' || c.entries.some((e) => e.field === field)) &&
      (text.trim() === '' || [c.householdCode, c.headName, c.villageName, ...c.entries.map(entryText)].some((s) => s.includes(text.trim()))),
  );
  const draftOf = (id: string) => drafts[id] ?? emptyDraft(today);
  const setDraft = (id: string, patch: Partial<DecisionDraft>) => onDrafts({ ...drafts, [id]: { ...draftOf(id), ...patch } });
  const setAll = (action: 'leave' | 'keep') => onDrafts(Object.fromEntries(findings.missing.map((m) => [m.id, { ...draftOf(m.id), action }])));
  const undecided = findings.missing.filter((m) => (drafts[m.id]?.action ?? '') === '').length;

  return (
    <>
      {findings.changedTotal > 0 && (
        <Paper withBorder p="md">
          <Stack gap="sm">
            <Title order={5}>与台账相比的变化（{findings.changedTotal} 户）</Title>
            {findings.changedTotal > findings.changes.length && (
              <Text size="sm" c="dimmed">{`只列出前 ${findings.changes.length} 户；导入时全部 ${findings.changedTotal} 户都会更新。`}</Text>
            )}
            <Group gap="sm">
              <TextInput size="xs" w={240} placeholder="户编号、户主、村或内容" aria-label="筛选变化" value={text} onChange={(e) => setText(e.currentTarget.value)} />
              <NativeSelect
                size="xs"
                aria-label="按字段筛选"
                value={field}
                data={[{ value: '', label: '全部字段' }, ...fields.map((f) => ({ value: f, label: f }))]}
                onChange={(e) => setField(e.currentTarget.value)}
              />
            </Group>
            <ScrollArea.Autosize mah={360}>
              <Table striped withTableBorder aria-label="逐户变化">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th w={170}>户编号</Table.Th>
                    <Table.Th w={90}>户主</Table.Th>
                    <Table.Th w={90}>村</Table.Th>
                    <Table.Th>变化</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {shown.map((c) => (
                    <Table.Tr key={c.householdId}>
                      <Table.Td>{c.householdCode}</Table.Td>
                      <Table.Td>{c.headName}</Table.Td>
                      <Table.Td>{c.villageName}</Table.Td>
                      <Table.Td>
                        <Text size="sm">{c.entries.map(entryText).join('；')}</Text>
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </ScrollArea.Autosize>
          </Stack>
        </Paper>
      )}
      {findings.missing.length > 0 && (
        <Paper withBorder p="md">
          <Stack gap="sm">
            <Group justify="space-between">
              <Title order={5}>文件中已无（{findings.missing.length} 行）</Title>
              {undecided > 0 && <Badge color="orange" variant="light">{`还有 ${undecided} 行未选择`}</Badge>}
            </Group>
            <Text size="sm" c="dimmed">
              台账中有、本文件（所涉及的村）已不再列出的户和人员。请逐行选择：减员（填写类型、日期和原因，整户减员即注销该户）或保留。导入时与其他数据一起写入。
            </Text>
            <Group gap="xs">
              <Button size="xs" variant="default" disabled={busy} onClick={() => setAll('leave')}>
                全部选减员
              </Button>
              <Button size="xs" variant="default" disabled={busy} onClick={() => setAll('keep')}>
                全部选保留
              </Button>
            </Group>
            <ScrollArea.Autosize mah={420}>
              <Table withTableBorder aria-label="文件中已无">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>户编号</Table.Th>
                    <Table.Th>姓名</Table.Th>
                    <Table.Th>村</Table.Th>
                    <Table.Th>情况</Table.Th>
                    <Table.Th w={110}>处理</Table.Th>
                    <Table.Th w={130}>减员类型</Table.Th>
                    <Table.Th w={160}>减员日期</Table.Th>
                    <Table.Th w={200}>原因</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {findings.missing.map((m) => {
                    const d = draftOf(m.id);
                    const label = `${m.householdCode} ${m.name}`;
                    return (
                      <Table.Tr key={m.id}>
                        <Table.Td>{m.householdCode}</Table.Td>
                        <Table.Td>{m.kind === 'household' ? `${m.name}（整户）` : m.name}</Table.Td>
                        <Table.Td>{m.villageName}</Table.Td>
                        <Table.Td>{m.detail}</Table.Td>
                        <Table.Td>
                          <NativeSelect
                            size="xs"
                            aria-label={`${label} 处理`}
                            value={d.action}
                            disabled={busy}
                            data={[
                              { value: '', label: '（请选择）' },
                              { value: 'leave', label: '减员' },
                              { value: 'keep', label: '保留' },
                            ]}
                            onChange={(e) => setDraft(m.id, { action: e.currentTarget.value as DecisionDraft['action'] })}
                          />
                        </Table.Td>
                        <Table.Td>
                          {d.action === 'leave' && (
                            <NativeSelect
                              size="xs"
                              aria-label={`${label} 减员类型`}
                              value={d.status}
                              disabled={busy}
                              data={memberLeaveStatuses.map((s) => ({ value: s, label: memberStatusLabels[s] }))}
                              onChange={(e) => setDraft(m.id, { status: e.currentTarget.value as MemberLeaveStatus })}
                            />
                          )}
                        </Table.Td>
                        <Table.Td>
                          {d.action === 'leave' && (
                            <DateField size="xs" aria-label={`${label} 减员日期`} value={d.date} max={today} disabled={busy} onChange={(v) => setDraft(m.id, { date: v })} />
                          )}
                        </Table.Td>
                        <Table.Td>
                          {d.action === 'leave' && (
                            <TextInput size="xs" aria-label={`${label} 原因`} value={d.reason} disabled={busy} onChange={(e) => setDraft(m.id, { reason: e.currentTarget.value })} />
                          )}
                        </Table.Td>
                      </Table.Tr>
                    );
                  })}
                </Table.Tbody>
              </Table>
            </ScrollArea.Autosize>
          </Stack>
        </Paper>
      )}
    </>
  );
}
