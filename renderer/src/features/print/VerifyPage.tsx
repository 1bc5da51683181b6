import { Alert, Anchor, Button, Group, List, Paper, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import type { VerifyResult } from '../../../../shared/contract/print';
import { documentKindLabels, documentKindShortLabels } from '../../../../shared/domain/paper';
import { ApiError, invoke } from '../../api/client';
import { apiQuery } from '../../api/queries';
import { ErrorBlock, PageHeader } from '../../components/PageStates';
import { errorMessage } from '../../components/formErrors';
import { formatDateTime } from '../../components/format';

/** 纸质件核验: the code in a paper copy's footer → the record, who printed it when, and whether it still matches. */
export function VerifyPage() {
  const [code, setCode] = useState('');
  const [checking, setChecking] = useState(false);
  const [result, setResult] = useState<VerifyResult | null>(null);
  const [fieldError, setFieldError] = useState<string | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const history = useQuery(apiQuery('print.history', { limit: 20 }));

  async function verify(typed: string) {
    setChecking(true);
    setFieldError(null);
    setFailure(null);
    setResult(null);
    try {
      setResult(await invoke('print.verify', { code: typed }));
    } catch (err) {
      if (err instanceof ApiError && err.fields.code) setFieldError(err.fields.code);
      else setFailure(errorMessage(err));
    } finally {
      setChecking(false);
    }
  }

  return (
    <Stack gap="md" maw={860}>
      <PageHeader title="纸质件核验" description="输入纸质件页脚上的核验码，查看它对应的记录、打印人和打印时间，以及纸质件与当前记录是否一致。" />
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void verify(code);
        }}
      >
        <Group align="flex-start" gap="sm">
          <TextInput
            label="核验码"
            placeholder="如 3FA2C-91B0D"
            description="10 位，字母不分大小写，可不输横线"
            value={code}
            onChange={(e) => setCode(e.currentTarget.value)}
            error={fieldError}
            w={280}
            autoFocus
            styles={{ input: { fontFamily: 'monospace', letterSpacing: 1 } }}
          />
          <Button type="submit" mt={25} loading={checking}>
            核验
          </Button>
        </Group>
      </form>

      {failure && (
        <Alert color="red" variant="light" title="未能核验">
          {failure}
        </Alert>
      )}
      {result && !result.found && (
        <Alert color="yellow" variant="light" title="未找到这个核验码">
          {result.message}
        </Alert>
      )}
      {result?.found && <VerifyCard result={result} />}

      <Stack gap="xs" mt="md">
        <Title order={5}>最近打印</Title>
        {history.error && <ErrorBlock error={history.error} onRetry={() => void history.refetch()} />}
        {history.data && history.data.rows.length === 0 && (
          <Text size="sm" c="dimmed">
            还没有打印记录。
          </Text>
        )}
        {history.data && history.data.rows.length > 0 && (
          <Table striped withTableBorder aria-label="最近打印">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>打印时间</Table.Th>
                <Table.Th>文件</Table.Th>
                <Table.Th>编号</Table.Th>
                <Table.Th>打印人</Table.Th>
                <Table.Th>核验码</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {history.data.rows.map((r) => (
                <Table.Tr key={r.id}>
                  <Table.Td>{formatDateTime(r.printedAt)}</Table.Td>
                  <Table.Td>{r.title}</Table.Td>
                  <Table.Td>{r.recordCode}</Table.Td>
                  <Table.Td>{r.printedBy}</Table.Td>
                  <Table.Td>
                    <Anchor
                      component="button"
                      type="button"
                      ff="monospace"
                      onClick={() => {
                        setCode(r.contentCode);
                        void verify(r.contentCode);
                      }}
                    >
                      {r.contentCode}
                    </Anchor>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Stack>
    </Stack>
  );
}

function VerifyCard({ result }: { result: Extract<VerifyResult, { found: true }> }) {
  return (
    <Paper withBorder p="md" aria-label="核验结果">
      <Stack gap="sm">
        {result.matches ? (
          <Alert color="green" variant="light" title="与当前记录一致">
            纸质件的内容与程序中的当前记录相同。
          </Alert>
        ) : (
          <Alert
            color={result.informationalOnly ? 'yellow' : 'red'}
            variant="light"
            title={result.informationalOnly ? '实质内容与当前记录一致' : '与当前记录不一致'}
          >
            <Stack gap={4}>
              <Text size="sm">
                {result.informationalOnly
                  ? `打印之后只有非实质内容变化（${result.informationalChanges.join('、')}），纸质件上的事实和签字仍然有效：`
                  : '打印之后记录有变化，纸质件已不是最新内容：'}
              </Text>
              <List size="sm" spacing={2}>
                {result.changes.map((c) => (
                  <List.Item key={c}>{c}</List.Item>
                ))}
              </List>
            </Stack>
          </Alert>
        )}
        <Table variant="vertical" withTableBorder>
          <Table.Tbody>
            <Table.Tr>
              <Table.Th w={120}>文件</Table.Th>
              <Table.Td>
                {result.title}（{documentKindShortLabels[result.kind]}）
              </Table.Td>
            </Table.Tr>
            <Table.Tr>
              <Table.Th>类型</Table.Th>
              <Table.Td>{documentKindLabels[result.kind]}</Table.Td>
            </Table.Tr>
            <Table.Tr>
              <Table.Th>编号</Table.Th>
              <Table.Td>{result.recordCode}</Table.Td>
            </Table.Tr>
            <Table.Tr>
              <Table.Th>核验码</Table.Th>
              <Table.Td ff="monospace">{result.code}</Table.Td>
            </Table.Tr>
            <Table.Tr>
              <Table.Th>打印人</Table.Th>
              <Table.Td>{result.printedBy}</Table.Td>
            </Table.Tr>
            <Table.Tr>
              <Table.Th>打印时间</Table.Th>
              <Table.Td>
                {formatDateTime(result.printedAt)}
                {result.printCount > 1 && `（同一内容共打印 ${result.printCount} 次，此为最近一次）`}
              </Table.Td>
            </Table.Tr>
          </Table.Tbody>
        </Table>
        {result.link && (
          <Anchor href={result.link} size="sm">
            查看记录
          </Anchor>
        )}
        {result.related.length > 0 && (
          <Stack gap={4}>
            <Text size="sm">名单中的案件：</Text>
            <Group gap="md">
              {result.related.map((r) => (
                <Anchor key={r.link} href={r.link} size="sm">
                  {r.label}
                </Anchor>
              ))}
            </Group>
          </Stack>
        )}
      </Stack>
    </Paper>
  );
}
