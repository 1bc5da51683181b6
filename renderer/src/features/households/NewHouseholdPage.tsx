import { Alert, Anchor, Badge, Box, Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useHotkeys } from '@mantine/hooks';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import type { InputOf } from '../../../../shared/contract';
import { householdCreateSchema } from '../../../../shared/contract/households';
import { normalizeIdNumber } from '../../../../shared/domain/idNumber';
import { invoke } from '../../api/client';
import { officeQuery } from '../../api/queries';
import { useToday } from '../../api/today';
import { formKeyDown } from './formKeys';
import { HouseholdFields } from './HouseholdFields';
import { emptyHousehold, householdInputOf, withSelectMessages, type HouseholdDraft, type HouseholdField } from './householdForm';
import classes from './households.module.css';
import { emptyMember, memberErrors, memberInputOf, type MemberDraft } from './memberForm';
import { MemberFields } from './MemberFields';
import { refreshHouseholds } from './queries';
import { apiFieldErrors, errorMessage, focusFirstInvalid, notifySuccess, zodFieldErrors } from '../../components/formErrors';

interface NewHouseholdValues extends HouseholdDraft {
  members: MemberDraft[];
}

const LAST_PLACE_KEY = 'households.new.lastPlace';

/** The village and group of the last household entered here: paper forms come village by village. */
function lastPlace(): { villageId: string; groupId: string } {
  try {
    const raw = localStorage.getItem(LAST_PLACE_KEY);
    const v = raw ? (JSON.parse(raw) as { villageId?: unknown; groupId?: unknown }) : {};
    return { villageId: typeof v.villageId === 'string' ? v.villageId : '', groupId: typeof v.groupId === 'string' ? v.groupId : '' };
  } catch {
    return { villageId: '', groupId: '' };
  }
}

function createInputOf(v: NewHouseholdValues): Record<string, unknown> {
  const { members, ...household } = v;
  return { ...householdInputOf(household), members: members.map(memberInputOf) };
}

function checkValues(values: NewHouseholdValues): Record<string, string> {
  const parsed = householdCreateSchema.safeParse(createInputOf(values));
  return parsed.success ? {} : withSelectMessages(zodFieldErrors(parsed.error), values);
}

/** For each member, the earlier member with the same ID number, if any. */
function duplicatesInForm(members: readonly MemberDraft[]): (string | null)[] {
  const first = new Map<string, number>();
  return members.map((m, i) => {
    const id = normalizeIdNumber(m.idNumber);
    if (id.length !== 18) return null;
    const j = first.get(id);
    if (j !== undefined) return `与第 ${j + 1} 位成员的身份证号相同`;
    first.set(id, i);
    return null;
  });
}

/** 新建户: the household's fields and its members, entered from the paper form in one go. */
export function NewHouseholdPage() {
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const office = useQuery(officeQuery);
  const villages = office.data?.villages ?? [];
  // The core's day, not the browser's: a PC in another time zone would default dates the core refuses.
  const today = useToday();
  const formRef = useRef<HTMLFormElement>(null);
  const nameRefs = useRef(new Map<number, HTMLInputElement>());
  const [focusMember, setFocusMember] = useState<number | null>(null);
  /** The core's refusal, shown above the buttons (a notification would cover them). */
  const [failure, setFailure] = useState<string | null>(null);

  const form = useForm<NewHouseholdValues>({
    mode: 'controlled',
    initialValues: { ...emptyHousehold(lastPlace().villageId, lastPlace().groupId), members: [emptyMember('head')] },
    validate: checkValues,
  });

  // A remembered village that no longer exists is dropped once the villages are known.
  const { villageId, groupId } = form.values;
  const placeKnown = villages.length === 0 || villages.some((v) => v.id === villageId && v.groups.some((g) => g.id === groupId || groupId === ''));
  useEffect(() => {
    if (!placeKnown && villageId !== '') form.setValues({ villageId: '', groupId: '' });
  }, [placeKnown, villageId, form]);

  useEffect(() => {
    if (focusMember === null) return;
    nameRefs.current.get(focusMember)?.focus();
    setFocusMember(null);
  }, [focusMember]);

  const create = useMutation({
    mutationFn: (input: InputOf<'households.create'>) => invoke('households.create', input),
  });

  const clearErrors = (keys: string[]) =>
    form.setErrors((prev) => {
      const next = { ...prev };
      let changed = false;
      for (const k of keys) {
        if (k in next) {
          delete next[k];
          changed = true;
        }
      }
      return changed ? next : prev;
    });

  const save = form.onSubmit(
    async (values) => {
      setFailure(null);
      const parsed = householdCreateSchema.safeParse(createInputOf(values));
      if (!parsed.success) {
        form.setErrors(withSelectMessages(zodFieldErrors(parsed.error), values));
        requestAnimationFrame(() => focusFirstInvalid(formRef.current));
        return;
      }
      try {
        const { id } = await create.mutateAsync(parsed.data);
        try {
          localStorage.setItem(LAST_PLACE_KEY, JSON.stringify({ villageId: values.villageId, groupId: values.groupId }));
        } catch {
          // Only a convenience.
        }
        const head = parsed.data.members.find((m) => m.relation === 'head');
        notifySuccess(`户编号 ${parsed.data.householdCode}，户主 ${head?.name ?? ''}，共 ${parsed.data.members.length} 人`, '已新建户');
        void refreshHouseholds(queryClient);
        void navigate(`/households/${id}`, { replace: true });
      } catch (error) {
        form.setErrors(apiFieldErrors(error));
        setFailure(errorMessage(error));
        requestAnimationFrame(() => focusFirstInvalid(formRef.current));
      }
    },
    () => requestAnimationFrame(() => focusFirstInvalid(formRef.current)),
  );

  useHotkeys([['mod+S', () => formRef.current?.requestSubmit()]], []);

  const members = form.values.members;
  const dups = duplicatesInForm(members);
  const headCount = members.filter((m) => m.relation === 'head').length;
  const membersError = typeof form.errors.members === 'string' ? form.errors.members : null;
  const householdErrors: Partial<Record<HouseholdField, string>> = {};
  for (const [k, v] of Object.entries(form.errors)) if (!k.startsWith('members') && typeof v === 'string') householdErrors[k as HouseholdField] = v;

  const addMember = () => {
    form.insertListItem('members', emptyMember(headCount === 0 ? 'head' : ''));
    setFocusMember(members.length);
  };
  const removeMember = (index: number) => {
    form.removeListItem('members', index);
    form.setErrors((prev) => Object.fromEntries(Object.entries(prev).filter(([k]) => !k.startsWith('members.'))));
  };

  return (
    <form
      ref={formRef}
      noValidate
      onSubmit={save}
      onKeyDown={(e) => formKeyDown(e, () => formRef.current?.requestSubmit())}
      aria-label="新建户"
      style={{ minHeight: 'calc(100dvh - 48px - 2 * var(--mantine-spacing-md))', display: 'flex', flexDirection: 'column' }}
    >
      <Stack gap="md" pb="md" style={{ flex: 1 }}>
        <Group justify="space-between" align="flex-end">
          <Stack gap={2}>
            <Anchor component={Link} to="/households" size="sm">
              ← 返回户籍台账
            </Anchor>
            <Title order={3}>新建户</Title>
          </Stack>
          <Text size="sm" c="dimmed">
            带 * 的必填 · 性别和出生日期由身份证号自动得出 · 回车跳到下一格 · Ctrl+S 保存
          </Text>
        </Group>

        {office.isError && (
          <Alert color="red" title="村组信息没有读出来">
            {errorMessage(office.error)}
          </Alert>
        )}

        <Paper withBorder p="md">
          <Title order={5} mb="sm">
            户信息
          </Title>
          <HouseholdFields
            value={form.values}
            villages={villages}
            columns={4}
            errors={householdErrors}
            onChange={(patch) => {
              form.setValues(patch);
              clearErrors(Object.keys(patch));
            }}
            onBlurField={(field) => {
              const message = checkValues(form.getValues())[field];
              if (message && form.values[field] !== '') form.setFieldError(field, message);
            }}
          />
        </Paper>

        <Paper withBorder p="md">
          <Group justify="space-between" mb="sm">
            <Title order={5}>家庭成员（{members.length} 人）</Title>
            {headCount !== 1 && (
              <Text size="sm" c="orange.8">
                {headCount === 0 ? '请把其中一位的“与户主关系”选为“户主”' : '一户只能有一名户主'}
              </Text>
            )}
          </Group>
          {membersError && (
            <Alert color="red" mb="sm" title="家庭成员">
              {membersError}
            </Alert>
          )}
          <Stack gap="sm">
            {members.map((m, i) => {
              const prefix = `第${i + 1}位成员 `;
              return (
                <Box key={form.key(`members.${i}`)} className={`${classes.memberBlock} ${m.relation === 'head' ? classes.memberBlockHead : ''}`}>
                  <Group justify="space-between" mb={6}>
                    <Group gap="xs">
                      <Text fw={600} size="sm">
                        第{i + 1}位成员
                      </Text>
                      {m.relation === 'head' && (
                        <Badge size="sm" variant="filled">
                          户主
                        </Badge>
                      )}
                      {m.name && (
                        <Text size="sm" c="dimmed">
                          {m.name}
                        </Text>
                      )}
                    </Group>
                    {members.length > 1 && (
                      <Button size="compact-xs" variant="subtle" color="red" aria-label={`删除第${i + 1}位成员`} onClick={() => removeMember(i)}>
                        删除此行
                      </Button>
                    )}
                  </Group>
                  <MemberFields
                    value={m}
                    columns={6}
                    ariaPrefix={prefix}
                    today={today}
                    errors={memberErrors(form.errors, `members.${i}.`)}
                    duplicateInForm={dups[i]}
                    allowHead={m.relation === 'head' || headCount === 0}
                    nameRef={(el: HTMLInputElement | null) => {
                      if (el) nameRefs.current.set(i, el);
                      else nameRefs.current.delete(i);
                    }}
                    onChange={(patch) => {
                      form.replaceListItem('members', i, { ...form.getValues().members[i]!, ...patch });
                      clearErrors(Object.keys(patch).map((k) => `members.${i}.${k}`));
                    }}
                  />
                </Box>
              );
            })}
          </Stack>
          <Button mt="sm" variant="light" onClick={addMember} disabled={members.length >= 30}>
            添加成员
          </Button>
        </Paper>

        {failure && (
          <Alert color="red" variant="light" title="没有保存" role="alert">
            {failure}
          </Alert>
        )}
      </Stack>

      <Paper
        withBorder
        shadow="sm"
        p="sm"
        style={{ position: 'sticky', bottom: 0, zIndex: 5, borderRadius: 0, marginInline: 'calc(var(--mantine-spacing-md) * -1)' }}
      >
        <Group gap="sm" px="md">
          <Button type="submit" loading={create.isPending}>
            保存
          </Button>
          <Button variant="default" component={Link} to="/households">
            取消
          </Button>
          <Text size="sm" c="dimmed" ml="md">
            {members.length} 位成员{headCount === 1 ? `，户主 ${members.find((m) => m.relation === 'head')?.name || '（未填姓名）'}` : ''}
          </Text>
        </Group>
      </Paper>
    </form>
  );
}
