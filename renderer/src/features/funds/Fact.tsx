import { Text } from '@mantine/core';
import type { ReactNode } from 'react';

/** A labelled figure in a project's summary (项目页, 资金流向). */
export function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
        {children}
      </Text>
    </div>
  );
}
