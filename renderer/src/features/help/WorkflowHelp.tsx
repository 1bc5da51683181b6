import { List, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { stepLabels, stepsOf, workflowLabels } from '../../../../shared/domain/monitoring';
import { deadlineUnitLabels } from '../../../../shared/domain/thresholds';
import { formatYuan } from '../../../../shared/lib/money';
import { apiQuery } from '../../api/queries';
import { ErrorBlock, LoadingBlock } from '../../components/PageStates';

/** 工作流程与时限: the steps in order, with the numbers of the thresholds in force today (监测标准与时限). */
export function WorkflowHelp() {
  const thresholds = useQuery(apiQuery('thresholds.list', {}));
  if (thresholds.error) return <ErrorBlock error={thresholds.error} onRetry={() => void thresholds.refetch()} />;
  if (!thresholds.data) return <LoadingBlock />;
  const t = thresholds.data.inForce;
  const steps = (w: 'identification' | 'elimination') => stepsOf(w).map((s) => stepLabels[w][s] ?? s);

  return (
    <Stack gap="sm" data-testid="workflow-help">
      <Text size="sm" c="dimmed">
        以下时限取自“监测标准与时限”中 {t.year} 年起执行的设置
        {t.source === 'default' ? '（管理员尚未保存本年度设置，暂按建议值）' : ''}；设置改变后这里随之改变。
      </Text>
      <Title order={5}>{workflowLabels.identification}</Title>
      <List type="ordered" size="sm">
        {steps('identification').map((s) => (
          <List.Item key={s}>{s}</List.Item>
        ))}
      </List>
      <List size="sm">
        <List.Item>
          识别时限：从发现线索（申请）起 {t.identificationDeadlineDays} 个{deadlineUnitLabels[t.identificationDeadlineUnit]}内完成县级审定。
        </List.Item>
        <List.Item>村内公示不少于 {t.noticeDays} 天。</List.Item>
        <List.Item>纳入监测后 {t.planDeadlineDays} 天内制定帮扶计划（帮扶措施）。</List.Item>
        <List.Item>防止返贫监测范围：家庭人均纯收入 {formatYuan(t.monitoringLineFen)} 元。</List.Item>
      </List>
      <Title order={5}>{workflowLabels.elimination}</Title>
      <List type="ordered" size="sm">
        {steps('elimination').map((s) => (
          <List.Item key={s}>{s}</List.Item>
        ))}
      </List>
      <List size="sm">
        <List.Item>纳入监测满 {t.minMonitoringMonths} 个月后方可提名风险消除。</List.Item>
        <List.Item>家庭人均纯收入不低于风险消除收入底线 {formatYuan(t.eliminationFloorFen)} 元，且“两不愁三保障”及饮水安全有保障。</List.Item>
      </List>
      <Title order={5}>走访</Title>
      <List size="sm">
        <List.Item>监测中户每 {t.visitOpenMonths} 个月走访一次。</List.Item>
        <List.Item>风险已消除户每 {t.visitEliminatedMonths} 个月走访一次。</List.Item>
        <List.Item>稳定脱贫户每 {t.visitStableMonths} 个月走访一次。</List.Item>
      </List>
    </Stack>
  );
}
