import { Badge, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { Link } from 'react-router';
import type { Todo } from '../../../../shared/contract/reports';
import classes from './workbench.module.css';

/** 待办: each line a count in words that opens the list of exactly those records. */
export function TodoList({ todos }: { todos: Todo[] }) {
  return (
    <Paper withBorder p="sm" className={classes.card}>
      <Title order={5} mb="xs">
        待办
      </Title>
      <Stack gap={2} component="ul" style={{ listStyle: 'none', margin: 0, padding: 0 }} aria-label="待办事项">
        {todos.map((t) => (
          <li key={t.key}>
            <TodoLine todo={t} />
          </li>
        ))}
      </Stack>
    </Paper>
  );
}

function TodoLine({ todo: t }: { todo: Todo }) {
  const tone = t.count === 0 ? classes.zero : classes[t.tone];
  const body = (
    <>
      <span className={`${classes.count} ${tone}`}>{t.count.toLocaleString('zh-CN')}</span>
      <Text span size="sm" c={t.count === 0 ? 'dimmed' : undefined}>
        {t.label}
      </Text>
    </>
  );
  return (
    <Group gap="xs" wrap="nowrap" data-testid={`todo-${t.key}`}>
      {t.route ? (
        <Link className={classes.todo} to={t.route} aria-label={`${t.label}：${t.count} 项，打开列表`}>
          {body}
        </Link>
      ) : (
        <div className={classes.todo}>{body}</div>
      )}
      {t.mine !== null && t.mine > 0 && t.mineRoute && (
        <Badge component={Link} to={t.mineRoute} variant="light" color="ledger" style={{ cursor: 'pointer', flexShrink: 0 }} aria-label={`其中我负责的 ${t.mine} 项，打开列表`}>
          我负责 {t.mine}
        </Badge>
      )}
    </Group>
  );
}
