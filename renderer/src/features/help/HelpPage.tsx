import { Anchor, Group, Kbd, List, Paper, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useEffect, type ReactNode } from 'react';
import { Link, useLocation } from 'react-router';
import { importKindLabels, importSourceHints, importSourceLabels, sheetKinds } from '../../../../shared/domain/importFields';
import { importModeLabels } from '../../../../shared/contract/fileImport';
import { apiQuery } from '../../api/queries';
import { ErrorBlock, LoadingBlock, PageHeader } from '../../components/PageStates';
import { ImportColumnsTable } from './ImportColumnsTable';
import { StatusHelp } from './statusHelp';
import { TemplateButton } from './TemplateButton';
import { WorkflowHelp } from './WorkflowHelp';

const sections = [
  { id: 'help-status', title: '状态说明' },
  { id: 'help-workflow', title: '工作流程与时限' },
  { id: 'help-import', title: '数据导入' },
  { id: 'help-about', title: '关于' },
] as const;

function Section({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <Paper withBorder p="md" id={id} component="section" aria-labelledby={`${id}-title`}>
      <Title order={4} id={`${id}-title`} mb="sm">
        {title}
      </Title>
      {children}
    </Paper>
  );
}

function About() {
  const about = useQuery(apiQuery('help.about', {}));
  if (about.error) return <ErrorBlock error={about.error} onRetry={() => void about.refetch()} />;
  if (!about.data) return <LoadingBlock />;
  return (
    <Stack gap={4}>
      <Text size="sm">乡村振兴台账 版本 {about.data.version}</Text>
      <Text size="sm">
        数据文件夹：
        <Text span ff="monospace" data-testid="about-data-dir">
          {about.data.dataDir}
        </Text>
      </Text>
      <Text size="sm" c="dimmed">
        数据库、备份和导出前的临时文件都在这个文件夹里；请不要手动改动其中的文件，换电脑时用“备份与恢复”。
      </Text>
    </Stack>
  );
}

/** 帮助 (F1 from any page): statuses, workflows with their time limits, importing with templates, 关于. */
export function HelpPage() {
  const { hash } = useLocation();
  useEffect(() => {
    // A link to one section (the import page's 导入说明) lands on it.
    if (hash) document.getElementById(hash.slice(1))?.scrollIntoView({ block: 'start' });
  }, [hash]);
  return (
    <Stack gap="md" maw={1100}>
      <PageHeader
        title="帮助"
        description={
          <>
            在任何页面按 <Kbd>F1</Kbd> 都可打开本页。
          </>
        }
      />
      <Group gap="md" component="nav" aria-label="帮助目录">
        {sections.map((s) => (
          <Anchor
            key={s.id}
            href={`#${s.id}`}
            size="sm"
            onClick={(e) => {
              // The app routes by the hash: scroll instead of following the link.
              e.preventDefault();
              document.getElementById(s.id)?.scrollIntoView({ block: 'start' });
            }}
          >
            {s.title}
          </Anchor>
        ))}
      </Group>

      <Section id="help-status" title="状态说明">
        <StatusHelp />
      </Section>

      <Section id="help-workflow" title="工作流程与时限">
        <WorkflowHelp />
      </Section>

      <Section id="help-import" title="数据导入">
        <Stack gap="sm">
          <List type="ordered" size="sm">
            <List.Item>
              打开
              <Anchor component={Link} to="/import" mx={4}>
                数据导入
              </Anchor>
              ，选择导入类型，再选择文件（.xlsx 或 .csv）。
            </List.Item>
            <List.Item>核对预览：每列对应的项目、新增/变更/无变化的户数和有误的行。列名认不出时，可在预览中手动指定对应项目，并保存为预设。</List.Item>
            <List.Item>
              选择“{importModeLabels.allOrNothing}”或“{importModeLabels.validOnly}”，确认后在一个事务中写入台账，并记入操作日志。
            </List.Item>
            <List.Item>有误未导入的行可下载“错误清单”，改正后再导入。</List.Item>
          </List>
          <Text size="sm">
            <Text span fw={600}>
              {importSourceLabels.national}：
            </Text>
            {importSourceHints.national}
          </Text>
          {sheetKinds.map((kind) => (
            <Stack key={kind} gap={6} mt="sm">
              <Group justify="space-between" wrap="wrap">
                <Title order={5}>{importKindLabels[kind]}</Title>
                <TemplateButton kind={kind} />
              </Group>
              <Text size="sm" c="dimmed">
                {importSourceHints[kind]}
              </Text>
              <ImportColumnsTable kind={kind} />
            </Stack>
          ))}
        </Stack>
      </Section>

      <Section id="help-about" title="关于">
        <About />
      </Section>
    </Stack>
  );
}
