import { MantineProvider } from '@mantine/core';
import { Notifications } from '@mantine/notifications';
import { QueryClientProvider } from '@tanstack/react-query';
import { useState } from 'react';
import { HashRouter } from 'react-router';
import { createQueryClient } from '../api/queryClient';
import { SessionGate } from './SessionGate';
import { theme } from './theme';

/**
 * The whole renderer. HashRouter because the window loads from file:// in Electron and from a
 * plain static server in the browser host; neither can answer deep links.
 */
export function App() {
  const [queryClient] = useState(createQueryClient);
  return (
    <MantineProvider theme={theme} defaultColorScheme="light">
      <Notifications position="bottom-right" zIndex={500} autoClose={4000} />
      <QueryClientProvider client={queryClient}>
        <HashRouter>
          <SessionGate />
        </HashRouter>
      </QueryClientProvider>
    </MantineProvider>
  );
}
