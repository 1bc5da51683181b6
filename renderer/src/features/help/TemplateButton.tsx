import { Button, Group, Text } from '@mantine/core';
import { useState } from 'react';
import { importKindLabels, type SheetKind } from '../../../../shared/domain/importFields';
import { invoke } from '../../api/client';
import { saveProducedFile } from '../../api/files';
import { errorMessage } from '../../components/formErrors';

/** 下载模板: the core writes the kind's template; the window saves it as it saves an export. */
export function TemplateButton({ kind, size = 'xs' }: { kind: SheetKind; size?: 'xs' | 'sm' }) {
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);

  async function download() {
    setBusy(true);
    setMessage(null);
    try {
      const file = await invoke('help.importTemplate', { kind });
      const saved = await saveProducedFile(file);
      if (saved) setMessage({ ok: true, text: `已保存模板：${saved}` });
    } catch (err) {
      setMessage({ ok: false, text: errorMessage(err) });
    } finally {
      setBusy(false);
    }
  }

  return (
    <Group gap="xs" wrap="wrap">
      <Button size={size} variant="default" loading={busy} onClick={() => void download()}>
        下载“{importKindLabels[kind]}”模板
      </Button>
      {message && (
        <Text size="sm" c={message.ok ? 'green.9' : 'red.8'} role="status">
          {message.text}
        </Text>
      )}
    </Group>
  );
}
