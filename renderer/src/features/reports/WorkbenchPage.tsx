import { Button, Grid, Group, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { apiQuery } from '../../api/queries';
import { useSession } from '../../api/session';
import { ErrorBlock, LoadingBlock } from '../../components/PageStates';
import { KeyFigures } from './KeyFigures';
import { TodoList } from './TodoList';
import { WorkbenchCharts } from './WorkbenchCharts';
import classes from './workbench.module.css';

const workbenchQuery = { ...apiQuery('reports.workbench', {}), staleTime: 15_000 };

/** 工作台: the landing page after sign-in — the month's to-dos, the key figures and the charts. */
export function WorkbenchPage() {
  const { office } = useSession();
  const query = useQuery(workbenchQuery);
  const [scope, setScope] = useState('');
  if (query.isPending) return <LoadingBlock />;
  if (query.isError) return <ErrorBlock error={query.error} onRetry={() => void query.refetch()} />;
  const data = query.data;
  return (
    <Stack gap="md" maw={1280}>
      <Group justify="space-between" align="flex-end">
        <div>
          <Title order={3}>工作台</Title>
          <Text size="sm" c="dimmed">
            {office ? `${office.townshipName} · ` : ''}
            {data.today}，点待办的数字打开对应的台账列表
          </Text>
        </div>
        <Button variant="default" size="xs" className={classes.noPrint} onClick={() => window.print()}>
          打印本页
        </Button>
      </Group>
      <Grid gap="md">
        <Grid.Col span={{ base: 12, lg: 5 }}>
          <TodoList todos={data.todos} />
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 7 }}>
          <KeyFigures data={data} scope={scope} onScope={setScope} />
        </Grid.Col>
      </Grid>
      <WorkbenchCharts data={data} />
    </Stack>
  );
}
