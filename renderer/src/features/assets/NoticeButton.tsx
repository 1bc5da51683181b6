import { Button } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { printDocument } from '../../api/files';
import { invoke } from '../../api/client';
import { errorMessage } from '../../components/formErrors';

/** 资产公示 / 收益分配公示: built in the core (logged with its 核验码), then the print preview. */
export function NoticeButton({ kind, id, label }: { kind: 'assets.assetNotice' | 'assets.incomeNotice'; id: string; label: string }) {
  const [busy, setBusy] = useState(false);
  const click = async () => {
    setBusy(true);
    try {
      const result = await invoke('assets.printNotice', { kind, id });
      await printDocument(result.file);
    } catch (error) {
      notifications.show({ color: 'red', title: '没有打印成', message: errorMessage(error) });
    } finally {
      setBusy(false);
    }
  };
  return (
    <Button size="xs" variant="default" loading={busy} onClick={() => void click()}>
      {label}
    </Button>
  );
}
