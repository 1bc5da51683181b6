import { Modal, NativeSelect, Stack, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { invoke } from '../../api/client';
import { apiQuery, invalidateChannels } from '../../api/queries';
import { FormFooter } from '../../components/FormFooter';
import { apiFieldErrors, errorMessage } from '../../components/formErrors';

/** 银行账号 of one person (the person's own card: 按人补贴 goes to the person). Shown masked afterwards. */
export function AccountModal({ member, onClose }: { member: { id: string; name: string } | null; onClose: () => void }) {
  return (
    <Modal opened={member !== null} onClose={onClose} title={member ? `登记银行账号：${member.name}` : ''}>
      {member && <AccountForm member={member} onClose={onClose} />}
    </Modal>
  );
}

function AccountForm({ member, onClose }: { member: { id: string; name: string }; onClose: () => void }) {
  const queryClient = useQueryClient();
  const current = useQuery(apiQuery('payments.account', { memberId: member.id }));
  const catalog = useQuery(apiQuery('posts.catalog', {}));
  const [bankName, setBankName] = useState('');
  const [accountNo, setAccountNo] = useState('');
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const bank = bankName || current.data?.bankName || catalog.data?.banks[0] || '';
  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setFailure(null);
    try {
      await invoke('payments.saveAccount', { memberId: member.id, version: current.data?.version ?? null, bankName: bank, accountNo });
      notifications.show({ color: 'green', title: '已保存', message: `${member.name} 的银行账号已登记` });
      await invalidateChannels(queryClient, 'payments.account', 'payments.get');
      onClose();
    } catch (err) {
      setErrors(apiFieldErrors(err));
      setFailure(errorMessage(err));
    } finally {
      setBusy(false);
    }
  }
  return (
    <form onSubmit={(e) => void submit(e)} noValidate>
      <Stack gap="sm">
        {current.data && (
          <Text size="sm" c="dimmed">
            现有账号：{current.data.bankName} {current.data.accountMasked}（重新填写即替换）
          </Text>
        )}
        <NativeSelect label="开户银行" data={catalog.data?.banks ?? []} value={bank} onChange={(e) => setBankName(e.currentTarget.value)} error={errors.bankName} />
        <TextInput label="银行账号（本人的卡或存折）" value={accountNo} onChange={(e) => setAccountNo(e.currentTarget.value)} error={errors.accountNo} data-autofocus autoComplete="off" />
        <FormFooter failure={failure} submitLabel="保存" busy={busy} onCancel={onClose} />
      </Stack>
    </form>
  );
}
