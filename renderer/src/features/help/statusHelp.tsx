import { Stack, Table, Text, Title } from '@mantine/core';
import { householdStatusLabels, memberStatusLabels } from '../../../../shared/domain/household';
import { loanStatusLabels } from '../../../../shared/domain/loans';
import { caseStatusLabels, measureStatusLabels, type CaseStatus, type MeasureStatus } from '../../../../shared/domain/monitoring';
import { paymentListStatusLabels, paymentStepLabels, type PaymentListStatus } from '../../../../shared/domain/payments';
import { subsidyStatusLabels } from '../../../../shared/domain/subsidies';

// What each status means. The names come from shared/domain; the meanings are keyed by the same
// codes, so a new status without a meaning is a compile error here.

const caseMeanings: Readonly<Record<CaseStatus, string>> = {
  identifying: '已登记农户申请或村提名，识别流程（入户核实至县级审定）尚未走完。',
  monitoring: '县级审定纳入监测，风险尚未消除：要制定并落实帮扶措施，按期走访。',
  eliminated: '风险消除流程经县级审定通过；仍按“风险已消除户”的间隔回访。',
  rejected: '识别流程中某一步不通过，未纳入监测；如情况变化可重新申请。',
};

const measureMeanings: Readonly<Record<MeasureStatus, string>> = {
  planned: '已列入帮扶计划，尚未开始。',
  inProgress: '正在落实。',
  done: '已落实，时间线按落实日期记。',
  cancelled: '不再落实，须写明取消原因。',
};

const paymentMeanings: Readonly<Record<PaymentListStatus, string>> = {
  draft: '可增删改清册中的人员和金额。',
  notice: '已张贴公示，公示期内可更正。',
  approved: '已审核，等待交银行。',
  bank: '已交银行，金额冻结；更正只能用冲正行。',
  reconciled: '已按银行回单逐行对账，清册结束。',
};

function Meanings<K extends string>({ title, labels, meanings }: { title: string; labels: Readonly<Record<K, string>>; meanings: Readonly<Record<K, string>> }) {
  return (
    <Stack gap={4}>
      <Title order={5}>{title}</Title>
      <Table withTableBorder withColumnBorders verticalSpacing={4} fz="sm">
        <Table.Tbody>
          {(Object.keys(labels) as K[]).map((k) => (
            <Table.Tr key={k}>
              <Table.Td w={200} fw={600}>
                {labels[k]}
              </Table.Td>
              <Table.Td>{meanings[k]}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Stack>
  );
}

function Names({ title, labels }: { title: string; labels: Readonly<Record<string, string>> }) {
  return (
    <Text size="sm">
      <Text span fw={600}>
        {title}：
      </Text>
      {Object.values(labels).join(' / ')}
    </Text>
  );
}

/** 状态说明. */
export function StatusHelp() {
  const paymentSteps = (Object.keys(paymentStepLabels) as (keyof typeof paymentStepLabels)[]).map(
    (s) => `${paymentListStatusLabels[s]} →〔${paymentStepLabels[s]}〕`,
  );
  return (
    <Stack gap="sm">
      <Meanings title="监测对象（案件）状态" labels={caseStatusLabels} meanings={caseMeanings} />
      <Meanings title="帮扶措施状态" labels={measureStatusLabels} meanings={measureMeanings} />
      <Meanings title="发放清册步骤" labels={paymentListStatusLabels} meanings={paymentMeanings} />
      <Text size="sm">
        清册按顺序推进：{paymentSteps.join(' ')} {paymentListStatusLabels.reconciled}（〔〕内为按钮名称）。
      </Text>
      <Names title="户状态" labels={householdStatusLabels} />
      <Names title="成员状态" labels={memberStatusLabels} />
      <Names title="小额信贷状态" labels={loanStatusLabels} />
      <Names title="培训与补贴申请状态" labels={subsidyStatusLabels} />
    </Stack>
  );
}
