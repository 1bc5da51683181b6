import {
  Alert,
  Box,
  Button,
  Container,
  Group,
  NumberInput,
  Paper,
  PasswordInput,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useState, type ReactNode } from 'react';
import { channels, type InputOf } from '../../../../shared/contract';
import { applyApiError, confirmError, schemaErrors } from '../../components/formErrors';
import { ApiError, invoke } from '../../api/client';
import { groupNamesFor, groupSeparator, nextVillageCode, splitGroupNames } from './villageCodes';

interface VillageDraft {
  key: number;
  name: string;
  code: string;
  /** "一组、二组、三组": typed or generated from a count. */
  groups: string;
}

interface SetupValues {
  countyName: string;
  countyCode: string;
  townshipName: string;
  townshipCode: string;
  phone: string;
  villages: VillageDraft[];
  admin: { username: string; displayName: string; password: string; confirm: string };
}

let lastKey = 0;
const newKey = (): number => ++lastKey;

function toSetupInput(values: SetupValues): InputOf<'settings.setup'> {
  return {
    countyName: values.countyName,
    countyCode: values.countyCode,
    townshipName: values.townshipName,
    townshipCode: values.townshipCode,
    phone: values.phone,
    villages: values.villages.map((v) => ({ name: v.name, code: v.code, groups: splitGroupNames(v.groups) })),
    admin: { username: values.admin.username, displayName: values.admin.displayName, password: values.admin.password },
  };
}

/** The contract names one group (`villages.0.groups.2`); the form has one text field for them all. */
const toFormPath = (path: string): string => path.replace(/^(villages\.\d+\.groups)\.\d+$/, '$1');

function focusFirstError(): void {
  window.requestAnimationFrame(() => {
    const invalid = document.querySelector<HTMLElement>('[aria-invalid="true"]');
    invalid?.focus();
  });
}

function Section({ step, title, description, children }: { step: string; title: string; description?: string; children: ReactNode }) {
  return (
    <Paper withBorder p="md" radius="md">
      <Stack gap="sm">
        <Box>
          <Title order={4}>
            {step}、{title}
          </Title>
          {description && (
            <Text size="sm" c="dimmed">
              {description}
            </Text>
          )}
        </Box>
        {children}
      </Stack>
    </Paper>
  );
}

/** 首次设置: the office, its villages and groups, and the first administrator, in one go. */
export function SetupPage({ onDone }: { onDone: (adminUsername: string) => void }) {
  const [error, setError] = useState<string | null>(null);
  /** After a refused submit: "还有 N 处需要修改", counted live as the fields get fixed. */
  const [showErrorCount, setShowErrorCount] = useState(false);
  const [focusKey, setFocusKey] = useState<number | null>(null);
  const form = useForm<SetupValues>({
    initialValues: {
      countyName: '',
      countyCode: '',
      townshipName: '',
      townshipCode: '',
      phone: '',
      villages: [{ key: 0, name: '', code: '', groups: '' }],
      admin: { username: 'admin', displayName: '', password: '', confirm: '' },
    },
    validate: (values) => {
      const errors = schemaErrors(channels['settings.setup'].input, toSetupInput(values), toFormPath);
      const confirm = confirmError(values.admin.password, values.admin.confirm);
      if (confirm) errors['admin.confirm'] = confirm;
      return errors;
    },
    validateInputOnBlur: true,
  });

  const { values } = form;
  const errorCount = Object.keys(form.errors).length;

  function changeCountyCode(value: string) {
    const old = values.countyCode;
    form.setFieldValue('countyCode', value);
    // Help: the township code starts with the county code.
    if (/^\d{6}$/.test(value) && (values.townshipCode === '' || values.townshipCode === old)) {
      form.setFieldValue('townshipCode', value);
      form.clearFieldError('townshipCode');
    }
  }

  function changeTownshipCode(value: string) {
    const old = values.townshipCode;
    form.setFieldValue('townshipCode', value);
    if (!/^\d{9}$/.test(value)) return;
    // Villages follow the township: blank codes get the next number, codes under the old township move along.
    const codes: string[] = [];
    const villages = values.villages.map((v) => {
      let code = v.code;
      if (/^\d{9}$/.test(old) && code.startsWith(old) && code.length === 12) code = value + code.slice(9);
      codes.push(code);
      return { ...v, code };
    });
    for (const v of villages) {
      if (v.code === '') {
        v.code = nextVillageCode(value, codes);
        codes.push(v.code);
      }
    }
    form.setFieldValue('villages', villages);
    villages.forEach((v, i) => {
      if (v.code !== values.villages[i]?.code) form.clearFieldError(`villages.${i}.code`);
    });
  }

  function addVillage() {
    const key = newKey();
    const code = nextVillageCode(values.townshipCode, values.villages.map((v) => v.code));
    form.insertListItem('villages', { key, name: '', code, groups: '' });
    setFocusKey(key);
  }

  const submit = form.onSubmit(
    async (submitted) => {
      setError(null);
      setShowErrorCount(false);
      try {
        await invoke('settings.setup', toSetupInput(submitted));
        notifications.show({
          color: 'green',
          title: '首次设置已完成',
          message: `请用管理员账号“${submitted.admin.username.trim()}”登录`,
        });
        onDone(submitted.admin.username.trim());
      } catch (err) {
        if (err instanceof ApiError && err.code === 'ALREADY_CONFIGURED') {
          // Set up meanwhile (another window): nothing to do here but sign in.
          notifications.show({ color: 'yellow', title: '本机已完成首次设置', message: err.message });
          onDone('');
          return;
        }
        setError(applyApiError(form, err, toFormPath));
        focusFirstError();
      }
    },
    () => {
      setError(null);
      setShowErrorCount(true);
      focusFirstError();
    },
  );

  return (
    <Box bg="gray.1" mih="100vh" py="xl">
      <Container size={980}>
        <form onSubmit={submit} noValidate>
          <Stack gap="md">
            <Box>
              <Title order={2}>首次设置</Title>
              <Text c="dimmed" size="sm">
                乡村振兴台账第一次在这台电脑上使用。请填写本单位、所辖行政村和村民小组，并设置管理员账号。以后管理员可以在“单位与村组设置”中修改。
              </Text>
            </Box>

            <Section step="一" title="单位信息" description="行政区划代码按国家统计用区划代码填写，设置后不能修改。">
              <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm" verticalSpacing="sm">
                <TextInput label="县（市、区）名称" placeholder="例如 明溪县" autoFocus {...form.getInputProps('countyName')} />
                <TextInput
                  label="县代码"
                  placeholder="6 位数字，例如 350421"
                  inputMode="numeric"
                  maxLength={6}
                  {...form.getInputProps('countyCode')}
                  onChange={(e) => changeCountyCode(e.currentTarget.value.trim())}
                />
                <TextInput label="乡镇名称" placeholder="例如 城关乡" {...form.getInputProps('townshipName')} />
                <TextInput
                  label="乡镇代码"
                  placeholder="9 位数字，例如 350421101"
                  inputMode="numeric"
                  maxLength={9}
                  {...form.getInputProps('townshipCode')}
                  onChange={(e) => changeTownshipCode(e.currentTarget.value.trim())}
                />
                <TextInput label="办公电话" placeholder="例如 0598-1234567（可不填）" {...form.getInputProps('phone')} />
              </SimpleGrid>
            </Section>

            <Section
              step="二"
              title="行政村与村民小组"
              description="村代码为 12 位（乡镇代码 + 3 位），已按顺序预填。村民小组可直接输入，用逗号或顿号分开；也可以填组数，自动生成“一组、二组……”。"
            >
              {values.villages.map((village, index) => (
                <Paper key={village.key} withBorder p="sm" bg="gray.0">
                  <Group align="flex-start" gap="sm" wrap="nowrap">
                    <Text size="sm" fw={600} mt={30} w={28} ta="right" c="dimmed">
                      {index + 1}.
                    </Text>
                    <TextInput
                      label="村名"
                      placeholder="例如 城关村"
                      w={170}
                      autoFocus={village.key === focusKey}
                      {...form.getInputProps(`villages.${index}.name`)}
                    />
                    <TextInput label="村代码" w={170} inputMode="numeric" maxLength={12} {...form.getInputProps(`villages.${index}.code`)} />
                    <NumberInput
                      label="组数"
                      w={80}
                      min={1}
                      max={99}
                      allowDecimal={false}
                      allowNegative={false}
                      hideControls
                      value={splitGroupNames(village.groups).length || ''}
                      onChange={(n) => {
                        const count = typeof n === 'number' ? n : Number.parseInt(n, 10);
                        form.setFieldValue(`villages.${index}.groups`, Number.isFinite(count) && count > 0 ? groupNamesFor(count).join(groupSeparator) : '');
                        form.clearFieldError(`villages.${index}.groups`);
                      }}
                    />
                    <TextInput
                      label="村民小组"
                      placeholder="一组、二组、三组"
                      style={{ flex: 1 }}
                      {...form.getInputProps(`villages.${index}.groups`)}
                    />
                    <Button
                      variant="subtle"
                      color="red"
                      mt={25}
                      disabled={values.villages.length === 1}
                      onClick={() => form.removeListItem('villages', index)}
                      aria-label={`删除第 ${index + 1} 个村`}
                    >
                      删除
                    </Button>
                  </Group>
                </Paper>
              ))}
              <Group>
                <Button variant="light" onClick={addVillage}>
                  添加村
                </Button>
                <Text size="sm" c="dimmed">
                  已填 {values.villages.length} 个村
                </Text>
              </Group>
            </Section>

            <Section step="三" title="管理员账号" description="管理员可以新增其他用户、修改单位与村组设置。请牢记密码。">
              <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm" verticalSpacing="sm">
                <TextInput label="登录名" description="2–32 位字母、数字或 _ . -" autoComplete="off" {...form.getInputProps('admin.username')} />
                <TextInput label="姓名" description="管理员本人的姓名" {...form.getInputProps('admin.displayName')} />
                <PasswordInput
                  label="密码"
                  description="至少 8 位，同时包含字母和数字"
                  autoComplete="new-password"
                  {...form.getInputProps('admin.password')}
                />
                <PasswordInput label="确认密码" description="再输入一次" autoComplete="new-password" {...form.getInputProps('admin.confirm')} />
              </SimpleGrid>
            </Section>

            {showErrorCount && errorCount > 0 && (
              <Alert color="red" variant="light" role="alert">
                还有 {errorCount} 处需要修改，请按红字提示填写
              </Alert>
            )}
            {error && (
              <Alert color="red" variant="light" role="alert">
                {error}
              </Alert>
            )}
            <Group justify="flex-end">
              <Button type="submit" size="md" loading={form.submitting}>
                完成设置
              </Button>
            </Group>
          </Stack>
        </form>
      </Container>
    </Box>
  );
}
