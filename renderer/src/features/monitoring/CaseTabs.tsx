import { SimpleGrid, Stack, Tabs } from '@mantine/core';
import { useSearchParams } from 'react-router';
import type { CaseDetail } from '../../../../shared/contract/monitoring';
import { CaseFormsSection } from '../forms';
import { CasePlanSection } from '../measures';
import { CaseVisitsSection } from '../visits';
import { CaseTimeline, GuaranteesPanel, RisksPanel } from './CaseSections';
import { WorkflowPanel } from './WorkflowPanel';

// The case page was 2,200–3,300 px long (issue 15 item 22): its parts are tabs, so 表单与签字 is
// one click away. The tab is in the URL (?tab=forms), so a reload or 后退 comes back to it.

export const caseTabs = [
  { value: 'overview', label: '概况' },
  { value: 'workflow', label: '流程' },
  { value: 'measures', label: '措施' },
  { value: 'visits', label: '走访' },
  { value: 'forms', label: '表单与签字' },
  { value: 'timeline', label: '时间线' },
] as const;
export type CaseTab = (typeof caseTabs)[number]['value'];

function isCaseTab(v: string | null): v is CaseTab {
  return caseTabs.some((t) => t.value === v);
}

export function CaseTabs({ detail, editable }: { detail: CaseDetail; editable: boolean }) {
  const [params, setParams] = useSearchParams();
  const raw = params.get('tab');
  const tab: CaseTab = isCaseTab(raw) ? raw : 'overview';
  const caseId = detail.case.id;

  return (
    <Tabs
      value={tab}
      keepMounted={false}
      onChange={(v) => {
        if (!isCaseTab(v) || v === tab) return;
        // Each tab is a history entry: 后退 returns to the tab before.
        setParams((p) => {
          const next = new URLSearchParams(p);
          if (v === 'overview') next.delete('tab');
          else next.set('tab', v);
          return next;
        });
      }}
    >
      <Tabs.List aria-label="监测对象内容">
        {caseTabs.map((t) => (
          <Tabs.Tab key={t.value} value={t.value}>
            {t.label}
          </Tabs.Tab>
        ))}
      </Tabs.List>

      <Tabs.Panel value="overview" pt="md">
        <SimpleGrid cols={{ base: 1, lg: 2 }}>
          <RisksPanel detail={detail} editable={editable} />
          <GuaranteesPanel detail={detail} editable={editable} />
        </SimpleGrid>
      </Tabs.Panel>
      <Tabs.Panel value="workflow" pt="md">
        <WorkflowPanel detail={detail} />
      </Tabs.Panel>
      <Tabs.Panel value="measures" pt="md">
        <CasePlanSection caseId={caseId} />
      </Tabs.Panel>
      <Tabs.Panel value="visits" pt="md">
        <CaseVisitsSection caseId={caseId} />
      </Tabs.Panel>
      <Tabs.Panel value="forms" pt="md">
        <CaseFormsSection caseId={caseId} />
      </Tabs.Panel>
      <Tabs.Panel value="timeline" pt="md">
        <Stack>
          <CaseTimeline events={detail.timeline} />
        </Stack>
      </Tabs.Panel>
    </Tabs>
  );
}
