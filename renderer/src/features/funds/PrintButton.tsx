import { Button } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import type { PrintResult } from '../../../../shared/contract/print';
import { printDocument } from '../../api/files';
import { errorMessage } from '../../components/formErrors';

/** Builds a document in the core (logged with its 核验码) and opens the print preview. */
export function PrintButton({ label, run, compact = false }: { label: string; run: () => Promise<PrintResult>; compact?: boolean }) {
  const [busy, setBusy] = useState(false);
  const click = async () => {
    setBusy(true);
    try {
      const result = await run();
      await printDocument(result.file);
    } catch (error) {
      notifications.show({ color: 'red', title: '没有打印成', message: errorMessage(error) });
    } finally {
      setBusy(false);
    }
  };
  return (
    <Button size={compact ? 'compact-xs' : 'sm'} variant={compact ? 'subtle' : 'default'} loading={busy} onClick={() => void click()}>
      {label}
    </Button>
  );
}
