import { Alert, Button, Group, Text } from '@mantine/core';

interface Props {
  /** The core's sentence: who changed the record, when, and which fields differ. */
  message: string;
  /** Loads the latest values into the form, replacing what was typed. */
  onReload: () => void;
  reloading?: boolean;
}

/**
 * Shown when a save was refused because someone else saved the record first: what the person
 * typed stays in the form; loading the latest values is their choice, never automatic.
 */
export function StaleSaveAlert({ message, onReload, reloading = false }: Props) {
  return (
    <Alert color="orange" variant="light" title="没有保存：记录已被他人修改" role="alert" mt="sm">
      <Text size="sm">{message}</Text>
      <Group gap="sm" mt="xs">
        <Button size="xs" variant="light" color="orange" onClick={onReload} loading={reloading}>
          载入最新内容（放弃我填写的）
        </Button>
      </Group>
    </Alert>
  );
}
