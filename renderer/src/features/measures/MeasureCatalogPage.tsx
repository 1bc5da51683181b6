import { Badge, Button, Checkbox, Group, Modal, NativeSelect, Paper, SegmentedControl, Stack, Table, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Fragment, useState } from 'react';
import type { InputOf } from '../../../../shared/contract';
import {
  measureFamilies,
  measureFamilyLabels,
  measureTypeSaveSchema,
  type MeasureFamily,
  type MeasureType,
} from '../../../../shared/contract/measures';
import { riskTypeLabels, riskTypes, type RiskType } from '../../../../shared/domain/monitoring';
import { invoke } from '../../api/client';
import { useSession } from '../../api/session';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { FormFooter } from '../../components/FormFooter';
import { apiFieldErrors, errorMessage, isStaleSave, notifySuccess, zodFieldErrors } from '../../components/formErrors';
import { StaleSaveAlert } from '../../components/StaleSaveAlert';
import { ErrorBlock, LoadingBlock, PageHeader } from '../../components/PageStates';
import classes from './measures.module.css';
import { byFamily, catalogQuery, refreshAfterCatalog } from './queries';

type Shown = 'active' | 'all';
type TypeDialog = { kind: 'add' } | { kind: 'edit'; type: MeasureType };

/** 帮扶措施目录: the measure types, grouped by family. Admins maintain it; types are switched off, never deleted. */
export function MeasureCatalogPage(_props: Record<string, never>) {
  const { user } = useSession();
  const isAdmin = user.role === 'admin';
  const queryClient = useQueryClient();
  const catalog = useQuery(catalogQuery);
  const [shown, setShown] = useState<Shown>('all');
  const [dialog, setDialog] = useState<TypeDialog | null>(null);
  const [deactivating, setDeactivating] = useState<MeasureType | null>(null);

  const types = catalog.data?.types ?? [];
  const groups = byFamily(shown === 'active' ? types.filter((t) => t.active) : types);
  const inactiveCount = types.filter((t) => !t.active).length;

  const setActive = async (t: MeasureType, active: boolean) => {
    await invoke('measures.saveType', { code: t.code, family: t.family, name: t.name, riskTypes: t.riskTypes, hasAmount: t.hasAmount, active, version: t.version });
    await refreshAfterCatalog(queryClient);
    notifySuccess(`措施类型“${t.name}”已${active ? '启用' : '停用'}`);
  };

  return (
    <>
      <PageHeader
        title="帮扶措施目录"
        description={
          isAdmin
            ? '“缺什么补什么”：每类措施对应哪些风险。停用的类型不再用于新措施，已有措施不受影响。'
            : '“缺什么补什么”：每类措施对应哪些风险。目录由管理员维护。'
        }
      >
        <SegmentedControl
          size="xs"
          value={shown}
          onChange={(v) => setShown(v as Shown)}
          data={[
            { value: 'all', label: `全部（${types.length}）` },
            { value: 'active', label: '只看在用' },
          ]}
        />
        {isAdmin && <Button onClick={() => setDialog({ kind: 'add' })}>新增措施类型</Button>}
      </PageHeader>

      {catalog.isPending && <LoadingBlock />}
      {catalog.isError && <ErrorBlock error={catalog.error} onRetry={() => void catalog.refetch()} />}
      {catalog.data && (
        <Paper withBorder>
          <Table highlightOnHover stickyHeader verticalSpacing={6} aria-label="帮扶措施目录" className={classes.table}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th w={80}>代码</Table.Th>
                <Table.Th>措施名称</Table.Th>
                <Table.Th>对应风险</Table.Th>
                <Table.Th w={80}>涉及资金</Table.Th>
                <Table.Th w={70}>状态</Table.Th>
                <Table.Th w={80} className={classes.right}>
                  使用中
                </Table.Th>
                {isAdmin && <Table.Th w={130}>操作</Table.Th>}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {groups.length === 0 && (
                <Table.Tr>
                  <Table.Td colSpan={isAdmin ? 7 : 6}>
                    <Text size="sm" c="dimmed" ta="center" py="md">
                      目录中还没有措施类型。{isAdmin ? '点右上角“新增措施类型”添加。' : ''}
                    </Text>
                  </Table.Td>
                </Table.Tr>
              )}
              {groups.map((g) => (
                <Fragment key={g.family}>
                  <Table.Tr className={classes.familyRow}>
                    <Table.Td colSpan={isAdmin ? 7 : 6}>
                      {g.label}
                      <Text span size="xs" c="dimmed" fw={400} ml={8}>
                        {g.types.length} 类
                      </Text>
                    </Table.Td>
                  </Table.Tr>
                  {g.types.map((t) => (
                    <Table.Tr key={t.code} className={t.active ? undefined : classes.inactive} data-code={t.code}>
                      <Table.Td className={classes.mono}>{t.code}</Table.Td>
                      <Table.Td>{t.name}</Table.Td>
                      <Table.Td>
                        <Group gap={4}>
                          {t.riskTypes.map((r) => (
                            <Badge key={r} size="sm" variant="outline" color={t.active ? 'blue' : 'gray'} radius="sm">
                              {riskTypeLabels[r]}
                            </Badge>
                          ))}
                        </Group>
                      </Table.Td>
                      <Table.Td>{t.hasAmount ? '是' : '否'}</Table.Td>
                      <Table.Td>
                        <Badge size="sm" variant="light" color={t.active ? 'green' : 'gray'} radius="sm">
                          {t.active ? '在用' : '停用'}
                        </Badge>
                      </Table.Td>
                      <Table.Td className={`${classes.mono} ${classes.right}`}>{t.usedCount}</Table.Td>
                      {isAdmin && (
                        <Table.Td>
                          <Group gap={4} wrap="nowrap">
                            <Button size="compact-xs" variant="subtle" aria-label={`编辑 ${t.name}`} onClick={() => setDialog({ kind: 'edit', type: t })}>
                              编辑
                            </Button>
                            {t.active ? (
                              <Button size="compact-xs" variant="subtle" color="red" aria-label={`停用 ${t.name}`} onClick={() => setDeactivating(t)}>
                                停用
                              </Button>
                            ) : (
                              <Button size="compact-xs" variant="subtle" aria-label={`启用 ${t.name}`} onClick={() =>
                                  void setActive(t, true).catch((error: unknown) =>
                                    notifications.show({ color: 'red', title: '没有启用', message: errorMessage(error) }),
                                  )
                                }>
                                启用
                              </Button>
                            )}
                          </Group>
                        </Table.Td>
                      )}
                    </Table.Tr>
                  ))}
                </Fragment>
              ))}
            </Table.Tbody>
          </Table>
          {shown === 'active' && inactiveCount > 0 && (
            <Text size="xs" c="dimmed" p="xs">
              另有 {inactiveCount} 类已停用，选“全部”查看。
            </Text>
          )}
        </Paper>
      )}

      <MeasureTypeDialog dialog={dialog} onClose={() => setDialog(null)} />
      <ConfirmDialog
        opened={deactivating !== null}
        title="停用措施类型"
        danger
        message={
          deactivating
            ? `停用“${deactivating.name}”（${deactivating.code}）后，新措施不能再选这一类型；已有的 ${deactivating.usedCount} 项措施保持不变。以后可以再启用。`
            : ''
        }
        confirmLabel="确认停用"
        onConfirm={async () => {
          if (deactivating) await setActive(deactivating, false);
        }}
        onClose={() => setDeactivating(null)}
      />
    </>
  );
}

function MeasureTypeDialog({ dialog, onClose }: { dialog: TypeDialog | null; onClose: () => void }) {
  const title = dialog?.kind === 'edit' ? `编辑措施类型：${dialog.type.code}` : '新增措施类型';
  return (
    <Modal opened={dialog !== null} onClose={onClose} title={title} size="lg">
      {dialog && <MeasureTypeForm dialog={dialog} onClose={onClose} />}
    </Modal>
  );
}

function MeasureTypeForm({ dialog, onClose }: { dialog: TypeDialog; onClose: () => void }) {
  const queryClient = useQueryClient();
  const editing = dialog.kind === 'edit' ? dialog.type : null;
  const [code, setCode] = useState(editing?.code ?? '');
  const [family, setFamily] = useState<MeasureFamily | ''>(editing?.family ?? '');
  const [name, setName] = useState(editing?.name ?? '');
  const [risks, setRisks] = useState<RiskType[]>(editing ? [...editing.riskTypes] : []);
  const [hasAmount, setHasAmount] = useState(editing?.hasAmount ?? false);
  const [active, setActive] = useState(editing?.active ?? true);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<string | null>(null);
  // The version this form loaded: a save against a newer one (another admin saved first) is refused.
  const [seenVersion, setSeenVersion] = useState(editing?.version);
  const [stale, setStale] = useState<string | null>(null);
  const save = useMutation({ mutationFn: (input: InputOf<'measures.saveType'>) => invoke('measures.saveType', input) });

  const clear = (key: string) => setErrors(({ [key]: _x, ...rest }) => rest);

  const reloadLatest = async (): Promise<void> => {
    try {
      const latest = (await queryClient.fetchQuery({ ...catalogQuery, staleTime: 0 })).types.find((t) => t.code === editing?.code);
      if (!latest) throw new Error('找不到该措施类型，请关闭后刷新');
      setFamily(latest.family);
      setName(latest.name);
      setRisks([...latest.riskTypes]);
      setHasAmount(latest.hasAmount);
      setActive(latest.active);
      setSeenVersion(latest.version);
      setStale(null);
    } catch (err) {
      setFailure(errorMessage(err));
    }
  };

  const submit = async () => {
    setFailure(null);
    setStale(null);
    const input: InputOf<'measures.saveType'> = {
      ...(code.trim() ? { code: code.trim() } : {}),
      family: family as MeasureFamily,
      name,
      riskTypes: risks,
      hasAmount,
      active,
      ...(editing ? { version: seenVersion } : {}),
    };
    const checked = measureTypeSaveSchema.safeParse(input);
    const found = checked.success ? {} : zodFieldErrors(checked.error);
    if (family === '') found.family = '请选择措施类别';
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    try {
      const saved = await save.mutateAsync(input);
      await refreshAfterCatalog(queryClient);
      notifySuccess(editing ? `已保存措施类型“${saved.name}”` : `已新增措施类型“${saved.name}”（${saved.code}）`);
      onClose();
    } catch (error) {
      setErrors(apiFieldErrors(error));
      if (isStaleSave(error)) setStale(errorMessage(error));
      else setFailure(errorMessage(error));
    }
  };

  return (
    <form
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <Stack gap="sm">
        <Group grow align="flex-start">
          <NativeSelect
            label="措施类别"
            required
            data-autofocus
            data={[{ value: '', label: '请选择' }, ...measureFamilies.map((f) => ({ value: f, label: measureFamilyLabels[f] }))]}
            value={family}
            error={errors.family}
            onChange={(e) => {
              setFamily(e.currentTarget.value as MeasureFamily | '');
              clear('family');
            }}
          />
          <TextInput
            label="措施代码"
            disabled={editing !== null}
            placeholder="不填则自动编号"
            description={editing ? '代码不能修改' : '如 CY09；不填按类别自动编号'}
            value={code}
            error={errors.code}
            onChange={(e) => {
              setCode(e.currentTarget.value);
              clear('code');
            }}
          />
        </Group>
        <TextInput
          label="措施名称"
          required
          placeholder="如：产业发展奖补（到户产业补助）"
          value={name}
          error={errors.name}
          onChange={(e) => {
            setName(e.currentTarget.value);
            clear('name');
          }}
        />
        <Checkbox.Group
          label="对应风险"
          description="这类措施能够解决哪些风险（添加措施时按此预选，并据此判断风险是否有措施覆盖）"
          required
          value={risks}
          error={errors.riskTypes}
          onChange={(v) => {
            setRisks(riskTypes.filter((r) => v.includes(r)));
            clear('riskTypes');
          }}
        >
          <Group gap="md" mt={6}>
            {riskTypes.map((r) => (
              <Checkbox key={r} value={r} label={riskTypeLabels[r]} />
            ))}
          </Group>
        </Checkbox.Group>
        <Checkbox label="涉及资金（措施记录金额，单位元）" checked={hasAmount} onChange={(e) => setHasAmount(e.currentTarget.checked)} />
        {editing && (
          <Checkbox
            label="在用（取消勾选即停用：新措施不能再选，已有措施不变）"
            checked={active}
            onChange={(e) => setActive(e.currentTarget.checked)}
          />
        )}
        {stale && <StaleSaveAlert message={stale} onReload={() => void reloadLatest()} />}
        <FormFooter failure={failure} submitLabel={editing ? '保存' : '新增'} busy={save.isPending} onCancel={onClose} />
      </Stack>
    </form>
  );
}
