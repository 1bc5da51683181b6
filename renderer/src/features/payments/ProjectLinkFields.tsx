import { NativeSelect } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { formatYuan } from '../../../../shared/lib/money';
import { apiQuery } from '../../api/queries';

export interface ProjectLink {
  projectId: string;
  disbursementId: string;
}

/**
 * 到户资金 from a project: the list may name the project whose money it pays and the 农户清册
 * disbursement it spends; the core keeps the lists within that disbursement.
 */
export function ProjectLinkFields({ value, onChange, errors }: { value: ProjectLink; onChange: (v: ProjectLink) => void; errors: Record<string, string> }) {
  const projects = useQuery(apiQuery('funds.listProjects', { year: null, status: null, projectType: null, villageId: null, search: '', lateOnly: false }));
  const detail = useQuery({ ...apiQuery('funds.getProject', { id: value.projectId }), enabled: value.projectId !== '' });
  const disbursements = (detail.data?.disbursements ?? []).filter((d) => d.payeeKind === 'household' && d.reversesId === null && d.reversedBy === null);
  return (
    <>
      <NativeSelect
        label="项目（发放项目资金时选择）"
        data={[{ value: '', label: '不属于项目资金' }, ...(projects.data?.rows ?? []).map((p) => ({ value: p.id, label: `${p.projectCode} ${p.name}` }))]}
        value={value.projectId}
        onChange={(e) => onChange({ projectId: e.currentTarget.value, disbursementId: '' })}
        error={errors.projectId}
      />
      {value.projectId !== '' && (
        <NativeSelect
          label="对应的拨付记录（收款方：农户清册）"
          data={[{ value: '', label: '暂不指定' }, ...disbursements.map((d) => ({ value: d.id, label: `${d.date} 凭证 ${d.voucherNo} ${formatYuan(d.amountFen)} 元` }))]}
          value={value.disbursementId}
          onChange={(e) => onChange({ ...value, disbursementId: e.currentTarget.value })}
          error={errors.disbursementId}
        />
      )}
    </>
  );
}
