import { ActionIcon, Button, Group, Modal, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { channels, type InputOf } from '../../../../shared/contract';
import type { Village } from '../../../../shared/contract/settings';
import { invoke } from '../../api/client';
import { apiQuery, invalidateChannels } from '../../api/queries';
import { applyApiError, errorMessage, isStaleSave, schemaErrors } from '../../components/formErrors';
import { StaleSaveAlert } from '../../components/StaleSaveAlert';
import { groupName, splitGroupNames } from './villageCodes';
import { FormFooter } from '../../components/FormFooter';

interface GroupDraft {
  key: string;
  /** Present for groups already saved: they can be renamed but not removed (households point at them). */
  id?: string;
  name: string;
}

interface VillageValues {
  name: string;
  code: string;
  groups: GroupDraft[];
  batch: string;
}

export interface VillageModalTarget {
  /** null: a new village. */
  village: Village | null;
  /** Prefilled code for a new village. */
  suggestedCode: string;
}

let lastKey = 0;
const newKey = (): string => `new-${++lastKey}`;

function toInput(values: VillageValues, id: string | undefined, version?: number): InputOf<'settings.saveVillage'> {
  return {
    ...(id ? { id, version } : {}),
    name: values.name,
    code: values.code,
    groups: values.groups.map((g) => (g.id ? { id: g.id, name: g.name } : { name: g.name })),
  };
}

function valuesOf(village: Village): VillageValues {
  return { name: village.name, code: village.code, groups: village.groups.map((g) => ({ key: g.id, id: g.id, name: g.name })), batch: '' };
}

/** The first 一组/二组… name not yet used in the list. */
function nextGroupName(groups: readonly GroupDraft[]): string {
  const used = new Set(groups.map((g) => g.name.trim()));
  for (let n = groups.length + 1; n < 200; n++) if (!used.has(groupName(n))) return groupName(n);
  return '';
}

export function VillageModal({ target, onClose }: { target: VillageModalTarget | null; onClose: () => void }) {
  const title = target?.village ? `修改村：${target.village.name}` : '新增村';
  return (
    <Modal opened={target !== null} onClose={onClose} title={title} size="lg">
      {target && <VillageForm key={target.village?.id ?? 'new'} target={target} onClose={onClose} />}
    </Modal>
  );
}

function VillageForm({ target, onClose }: { target: VillageModalTarget; onClose: () => void }) {
  const queryClient = useQueryClient();
  const village = target.village;
  const [error, setError] = useState<string | null>(null);
  // The version this form loaded: a save against a newer one (another admin saved first) is refused.
  const [seenVersion, setSeenVersion] = useState(village?.version);
  const [stale, setStale] = useState<string | null>(null);
  const form = useForm<VillageValues>({
    initialValues: village ? valuesOf(village) : { name: '', code: target.suggestedCode, groups: [{ key: newKey(), name: groupName(1) }], batch: '' },
    validate: (values) => {
      const errors = schemaErrors(channels['settings.saveVillage'].input, toInput(values, village?.id));
      const names = values.groups.map((g) => g.name.trim());
      if (!errors.groups && new Set(names).size !== names.length) errors.groups = '同一个村里的村民小组名称不能重复';
      return errors;
    },
  });

  function addGroups(names: string[]) {
    for (const name of names) form.insertListItem('groups', { key: newKey(), name });
    form.clearFieldError('groups');
  }

  const reloadLatest = async (): Promise<void> => {
    try {
      const latest = (await queryClient.fetchQuery({ ...apiQuery('settings.office', {}), staleTime: 0 })).villages.find((v) => v.id === village?.id);
      if (!latest) throw new Error('找不到该村，可能已被删除，请关闭后刷新');
      form.setInitialValues(valuesOf(latest));
      form.setValues(valuesOf(latest));
      setSeenVersion(latest.version);
      setStale(null);
    } catch (err) {
      setError(errorMessage(err));
    }
  };

  const submit = form.onSubmit(async (values) => {
    setError(null);
    setStale(null);
    try {
      const saved = await invoke('settings.saveVillage', toInput(values, village?.id, seenVersion));
      notifications.show({
        color: 'green',
        title: village ? '已保存' : '已新增村',
        message: `${saved.name}（${saved.code}），${saved.groups.length} 个村民小组`,
      });
      await invalidateChannels(queryClient, 'settings.office');
      onClose();
    } catch (err) {
      if (isStaleSave(err)) setStale(errorMessage(err));
      else setError(applyApiError(form, err));
    }
  });

  const groupsError = form.errors.groups;

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        <Group grow align="flex-start">
          <TextInput label="村名" description="例如 城关村" data-autofocus {...form.getInputProps('name')} />
          <TextInput
            label="村代码"
            description={village ? '12 位，一般不需修改' : '12 位，已按顺序预填'}
            inputMode="numeric"
            maxLength={12}
            {...form.getInputProps('code')}
          />
        </Group>

        <Stack gap={4}>
          <Text size="sm" fw={500}>
            村民小组（{form.values.groups.length} 个）
          </Text>
          <Text size="xs" c="dimmed">
            已有的小组可以改名，不能删除（户籍记录指向它们）；新加的小组在保存前可以移除。
          </Text>
          <SimpleGrid cols={4} spacing="xs" verticalSpacing="xs">
            {form.values.groups.map((g, index) => (
              <TextInput
                key={g.key}
                aria-label={`第 ${index + 1} 个小组名称`}
                {...form.getInputProps(`groups.${index}.name`)}
                rightSection={
                  g.id ? undefined : (
                    <ActionIcon
                      variant="subtle"
                      color="gray"
                      size="sm"
                      aria-label={`移除${g.name || '该小组'}`}
                      onClick={() => form.removeListItem('groups', index)}
                    >
                      ×
                    </ActionIcon>
                  )
                }
              />
            ))}
          </SimpleGrid>
          {groupsError && (
            <Text size="xs" c="red" role="alert">
              {groupsError}
            </Text>
          )}
        </Stack>

        <Group align="flex-end" gap="xs">
          <Button variant="light" onClick={() => addGroups([nextGroupName(form.values.groups)])}>
            添加小组
          </Button>
          <TextInput
            label="批量添加小组"
            placeholder="七组、八组、九组"
            style={{ flex: 1 }}
            {...form.getInputProps('batch')}
            onKeyDown={(e) => {
              if (e.key === 'Enter') {
                e.preventDefault();
                addGroups(splitGroupNames(form.values.batch));
                form.setFieldValue('batch', '');
              }
            }}
          />
          <Button
            variant="default"
            onClick={() => {
              addGroups(splitGroupNames(form.values.batch));
              form.setFieldValue('batch', '');
            }}
          >
            加入
          </Button>
        </Group>

        {stale && <StaleSaveAlert message={stale} onReload={() => void reloadLatest()} />}
        <FormFooter failure={error} submitLabel="保存" busy={form.submitting} onCancel={onClose} />
      </Stack>
    </form>
  );
}
