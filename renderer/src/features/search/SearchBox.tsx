import { Badge, Button, Group, Kbd, Modal, ScrollArea, Stack, Text, TextInput, UnstyledButton } from '@mantine/core';
import { useDebouncedValue, useDisclosure, useHotkeys } from '@mantine/hooks';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useRef, useState, type KeyboardEvent } from 'react';
import { useNavigate } from 'react-router';
import type { SearchResult } from '../../../../shared/contract/search';
import { caseStatusLabels } from '../../../../shared/domain/monitoring';
import { apiQuery } from '../../api/queries';
import { errorMessage } from '../../components/formErrors';
import classes from './search.module.css';

interface Hit {
  key: string;
  group: string;
  title: string;
  detail: string;
  badge: string | null;
  to: string;
}

function hitsOf(r: SearchResult): Hit[] {
  return [
    ...r.households.map((h) => ({
      key: `h-${h.id}`,
      group: '农户',
      title: `${h.headName}户`,
      detail: `${h.householdCode} · ${h.villageName}${h.groupName}`,
      badge: h.closed ? '已注销' : null,
      to: `/households/${h.id}`,
    })),
    ...r.members.map((m) => ({
      key: `m-${m.id}`,
      group: '人员',
      title: m.name,
      detail: `${m.idNumberMasked} · ${m.villageName} · 户编号 ${m.householdCode}`,
      badge: m.current ? null : '已减员',
      to: `/households/${m.householdId}`,
    })),
    ...r.cases.map((c) => ({
      key: `c-${c.id}`,
      group: '监测对象',
      title: `${c.headName}（${c.caseCode}）`,
      detail: c.villageName,
      badge: caseStatusLabels[c.status],
      to: `/monitoring/${c.id}`,
    })),
  ];
}

/** The one search box in the top bar (Ctrl+K anywhere): households, people and cases, opened with Enter or a click. */
export function SearchBox() {
  const [opened, { open, close }] = useDisclosure(false);
  useHotkeys([['mod+K', open]], []);
  return (
    <>
      <Button variant="default" size="xs" onClick={open} aria-keyshortcuts="Control+K" w={240} justify="space-between" rightSection={<Kbd size="xs">Ctrl K</Kbd>}>
        <Text span size="sm" c="dimmed">
          查找农户、人员、监测对象
        </Text>
      </Button>
      <Modal opened={opened} onClose={close} title="查找" size="lg" yOffset="8vh">
        {opened && <SearchPanel onDone={close} />}
      </Modal>
    </>
  );
}

function SearchPanel({ onDone }: { onDone: () => void }) {
  const navigate = useNavigate();
  const [text, setText] = useState('');
  const [q] = useDebouncedValue(text.trim(), 120);
  const result = useQuery({ ...apiQuery('search.query', { q }), enabled: q !== '', placeholderData: keepPreviousData, staleTime: 10_000 });
  const listRef = useRef<HTMLDivElement>(null);
  const hits = q !== '' && result.data ? hitsOf(result.data) : [];

  const go = (hit: Hit) => {
    onDone();
    void navigate(hit.to);
  };
  const buttons = () => [...(listRef.current?.querySelectorAll<HTMLButtonElement>('button[data-hit]') ?? [])];
  const onListKey = (e: KeyboardEvent) => {
    const all = buttons();
    const i = all.indexOf(document.activeElement as HTMLButtonElement);
    if (e.key === 'ArrowDown' && i < all.length - 1) {
      e.preventDefault();
      all[i + 1]!.focus();
    } else if (e.key === 'ArrowUp') {
      e.preventDefault();
      if (i > 0) all[i - 1]!.focus();
      else document.getElementById('global-search-input')?.focus();
    }
  };

  let lastGroup = '';
  return (
    <Stack gap="sm">
      <TextInput
        id="global-search-input"
        data-autofocus
        aria-label="查找内容"
        placeholder="姓名、拼音首字母（如 lj）、全拼、身份证号或后几位、户编号、电话"
        value={text}
        onChange={(e) => setText(e.currentTarget.value)}
        onKeyDown={(e) => {
          if (e.key === 'ArrowDown') {
            e.preventDefault();
            buttons()[0]?.focus();
          }
          if (e.key === 'Enter' && hits[0]) go(hits[0]);
        }}
      />
      {result.isError && (
        <Text size="sm" c="red">
          {errorMessage(result.error)}
        </Text>
      )}
      {q !== '' && result.data && result.data.keysBehind > 0 && (
        <Text size="xs" c="orange">
          搜索索引正在更新（剩余 {result.data.keysBehind} 户），拼音和号码片段的结果可能不全；姓名、身份证号和户编号可照常查找。
        </Text>
      )}
      {q !== '' && result.data && hits.length === 0 && (
        <Text size="sm" c="dimmed">
          没有找到“{q}”。可以试试姓名的拼音首字母、身份证号后 4 位或户编号。
        </Text>
      )}
      {hits.length > 0 && (
        <ScrollArea.Autosize mah="60vh">
          <div ref={listRef} onKeyDown={onListKey} role="group" aria-label="查找结果">
            {hits.map((h) => {
              const header = h.group !== lastGroup ? h.group : null;
              lastGroup = h.group;
              return (
                <div key={h.key}>
                  {header && (
                    <Text size="xs" fw={600} c="dimmed" mt="xs" mb={2}>
                      {header}
                    </Text>
                  )}
                  <UnstyledButton data-hit className={classes.hit} onClick={() => go(h)}>
                    <Group gap="xs" wrap="nowrap">
                      <Text size="sm" fw={600}>
                        {h.title}
                      </Text>
                      {h.badge && (
                        <Badge size="xs" variant="light" color="gray">
                          {h.badge}
                        </Badge>
                      )}
                      <Text size="xs" c="dimmed" truncate>
                        {h.detail}
                      </Text>
                    </Group>
                  </UnstyledButton>
                </div>
              );
            })}
            {result.data?.more && (
              <Text size="xs" c="dimmed" mt="xs">
                只列出每类的前几条；请多输入几个字，或到台账中筛选。
              </Text>
            )}
          </div>
        </ScrollArea.Autosize>
      )}
      <Text size="xs" c="dimmed">
        ↑↓ 选择，回车打开，Esc 关闭
      </Text>
    </Stack>
  );
}
