import { Anchor, Collapse, Group, Stack } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { Link } from 'react-router';
import type { ImportSource } from '../../../../shared/domain/importFields';
import { ImportColumnsTable } from './ImportColumnsTable';
import { TemplateButton } from './TemplateButton';

/** On the import page: the chosen kind's template and the column names the import recognises. */
export function ImportKindHelp({ kind }: { kind: ImportSource }) {
  const [opened, { toggle }] = useDisclosure(false);
  // The national export is the national system's own file: no template, its columns are fixed.
  if (kind === 'national') return null;
  return (
    <Stack gap="xs">
      <Group gap="md" wrap="wrap">
        <TemplateButton kind={kind} />
        <Anchor component="button" type="button" size="sm" onClick={toggle} aria-expanded={opened}>
          {opened ? '收起可识别的列名' : '查看可识别的列名'}
        </Anchor>
        <Anchor component={Link} to="/help#help-import" size="sm">
          导入说明
        </Anchor>
      </Group>
      <Collapse expanded={opened}>
        <ImportColumnsTable kind={kind} />
      </Collapse>
    </Stack>
  );
}
