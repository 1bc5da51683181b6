import { Alert, Button, Group, Paper, SimpleGrid, Text, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import type { HouseholdDetail } from '../../../../shared/contract/households';
import { householdPatchSchema } from '../../../../shared/contract/households';
import type { Village } from '../../../../shared/contract/settings';
import { householdKindLabels } from '../../../../shared/domain/household';
import { invoke } from '../../api/client';
import { StaleSaveAlert } from '../../components/StaleSaveAlert';
import { apiFieldErrors, errorMessage, focusFirstInvalid, isStaleSave, notifySuccess, zodFieldErrors } from '../../components/formErrors';
import { formKeyDown } from './formKeys';
import { HouseholdFields } from './HouseholdFields';
import {
  draftFromHousehold,
  householdFieldLabels,
  householdPatchOf,
  withSelectMessages,
  type HouseholdDraft,
  type HouseholdField,
} from './householdForm';
import classes from './households.module.css';
import { householdQuery } from '../../api/queries';
import { refreshHouseholds } from './queries';

interface Props {
  household: HouseholdDetail;
  villages: readonly Village[];
}

/** 户信息: read as text; 编辑 (or a click on any value) turns the panel into inputs in place. */
export function HouseholdInfoPanel({ household, villages }: Props) {
  const queryClient = useQueryClient();
  const [editing, setEditing] = useState(false);
  const [focusField, setFocusField] = useState<HouseholdField | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [stale, setStale] = useState<string | null>(null);
  const [reloading, setReloading] = useState(false);
  // The version the form loaded: a refetch while editing must not make an old form look current.
  const [seenVersion, setSeenVersion] = useState(household.version);
  const formRef = useRef<HTMLFormElement>(null);
  const closed = household.status === 'closed';
  const form = useForm<HouseholdDraft>({ mode: 'controlled', initialValues: draftFromHousehold(household) });

  useEffect(() => {
    if (!editing || focusField === null) return;
    const el = formRef.current?.querySelector<HTMLElement>(`[data-field="${focusField}"]`);
    el?.focus();
    if (el instanceof HTMLInputElement && el.type === 'text') el.select();
    setFocusField(null);
  }, [editing, focusField]);

  const update = useMutation({
    mutationFn: (patch: Record<string, unknown>) => {
      const parsed = householdPatchSchema.parse(patch);
      return invoke('households.update', { id: household.id, version: seenVersion, patch: parsed });
    },
  });

  const startEdit = (field: HouseholdField | null) => {
    if (closed) return;
    const draft = draftFromHousehold(household);
    form.setInitialValues(draft);
    form.setValues(draft);
    form.clearErrors();
    setFailure(null);
    setStale(null);
    setSeenVersion(household.version);
    setEditing(true);
    setFocusField(field ?? 'householdCode');
  };

  const cancel = () => {
    setFailure(null);
    setStale(null);
    form.reset();
    form.clearErrors();
    setEditing(false);
  };

  const save = async () => {
    const original = draftFromHousehold(household);
    const values = form.getValues();
    const patch = householdPatchOf(original, values);
    const changedLabels = (Object.keys(values) as HouseholdField[])
      .filter((k) => k in patch && JSON.stringify(patch[k]) !== JSON.stringify(original[k]))
      .map((k) => householdFieldLabels[k]);
    if (changedLabels.length === 0) {
      setEditing(false);
      return;
    }
    const checked = householdPatchSchema.safeParse(patch);
    if (!checked.success) {
      form.setErrors(withSelectMessages(zodFieldErrors(checked.error), values));
      requestAnimationFrame(() => focusFirstInvalid(formRef.current));
      return;
    }
    try {
      const updated = await update.mutateAsync(patch);
      queryClient.setQueryData(householdQuery(household.id).queryKey, (old) => (old ? { ...old, household: updated } : old));
      void refreshHouseholds(queryClient);
      notifySuccess(`已修改：${changedLabels.join('、')}`);
      setEditing(false);
    } catch (error) {
      form.setErrors(apiFieldErrors(error, ['patch']));
      if (isStaleSave(error)) {
        // Keep what was typed; the person decides whether to load the latest values.
        setFailure(null);
        setStale(errorMessage(error));
        return;
      }
      setFailure(errorMessage(error));
      requestAnimationFrame(() => focusFirstInvalid(formRef.current));
    }
  };

  const reloadLatest = async () => {
    setReloading(true);
    try {
      const latest = await queryClient.fetchQuery({ ...householdQuery(household.id), staleTime: 0 });
      const draft = draftFromHousehold(latest.household);
      form.setInitialValues(draft);
      form.setValues(draft);
      form.clearErrors();
      setSeenVersion(latest.household.version);
      setStale(null);
    } catch (error) {
      setFailure(errorMessage(error));
    } finally {
      setReloading(false);
    }
  };

  const village = villages.find((v) => v.id === household.villageId);
  const view: { field: HouseholdField; text: string; span?: number }[] = [
    { field: 'householdCode', text: household.householdCode },
    { field: 'villageId', text: village?.name ?? household.villageName },
    { field: 'groupId', text: household.groupName },
    { field: 'kind', text: householdKindLabels[household.kind] },
    { field: 'address', text: household.address ?? '', span: 2 },
    { field: 'phone', text: household.phone ?? '' },
    { field: 'helperName', text: household.helperName ?? '' },
    { field: 'helperPhone', text: household.helperPhone ?? '' },
    { field: 'dibao', text: household.dibao ? '是' : '否' },
    { field: 'tekun', text: household.tekun ? '是' : '否' },
    { field: 'relocated', text: household.relocated ? '是' : '否' },
  ];

  return (
    <Paper withBorder p="md">
      <Group justify="space-between" mb="sm">
        <Title order={5}>户信息</Title>
        {!editing && !closed && (
          <Button variant="light" size="xs" onClick={() => startEdit(null)}>
            编辑
          </Button>
        )}
      </Group>

      {editing ? (
        <form
          ref={formRef}
          noValidate
          aria-label="编辑户信息"
          onSubmit={(e) => {
            e.preventDefault();
            void save();
          }}
          onKeyDown={(e) => {
            if (e.key === 'Escape') {
              e.preventDefault();
              cancel();
              return;
            }
            formKeyDown(e, () => void save());
          }}
        >
          <HouseholdFields
            value={form.values}
            villages={villages}
            columns={4}
            errors={form.errors as Partial<Record<HouseholdField, string>>}
            onChange={(patch) => {
              form.setValues(patch);
              for (const k of Object.keys(patch)) form.clearFieldError(k);
            }}
          />
          {stale && <StaleSaveAlert message={stale} onReload={() => void reloadLatest()} reloading={reloading} />}
          {failure && (
            <Alert color="red" variant="light" title="没有保存" mt="sm" role="alert">
              {failure}
            </Alert>
          )}
          <Group gap="sm" mt="md">
            <Button type="submit" loading={update.isPending}>
              保存
            </Button>
            <Button variant="default" onClick={cancel} disabled={update.isPending}>
              取消
            </Button>
            <Text size="xs" c="dimmed">
              只保存改动过的项 · Ctrl+S 保存 · Esc 取消
            </Text>
          </Group>
        </form>
      ) : (
        <>
          <SimpleGrid cols={4} spacing="sm" verticalSpacing={4}>
            {view.map(({ field, text, span }) => (
              <div key={field} style={{ gridColumn: span ? `span ${span}` : undefined }}>
                <Text size="xs" c="dimmed" px={10}>
                  {householdFieldLabels[field]}
                </Text>
                {closed ? (
                  <div className={`${classes.fieldValue} ${classes.fieldValueReadonly}`}>{text || '—'}</div>
                ) : (
                  <button
                    type="button"
                    className={classes.fieldValue}
                    title={`点击修改${householdFieldLabels[field]}`}
                    onClick={() => startEdit(field)}
                  >
                    {text || (
                      <Text span c="dimmed" size="sm">
                        未填
                      </Text>
                    )}
                  </button>
                )}
              </div>
            ))}
          </SimpleGrid>
        </>
      )}
    </Paper>
  );
}
