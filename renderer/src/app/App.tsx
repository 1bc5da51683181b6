import { MantineProvider } from '@mantine/core';
import { DatesProvider } from '@mantine/dates';
import { Notifications } from '@mantine/notifications';
import { QueryClientProvider } from '@tanstack/react-query';
import { useState } from 'react';
import 'dayjs/locale/zh-cn';
import { HashRouter } from 'react-router';
import { createQueryClient } from '../api/queryClient';
import { SessionGate } from './SessionGate';
import { theme } from './theme';
import { readableGrayVariables } from './readableGrays';

/**
 * The whole renderer. HashRouter because the window loads from file:// in Electron and from a
 * plain static server in the browser host; neither can answer deep links.
 */
export function App() {
  const [queryClient] = useState(createQueryClient);
  return (
    <MantineProvider theme={theme} defaultColorScheme="light" cssVariablesResolver={readableGrayVariables}>
      {/* Calendars in Chinese, weeks from Monday, whatever the browser's or the OS's language. */}
      <DatesProvider settings={{ locale: 'zh-cn', firstDayOfWeek: 1 }}>
        {/* Top centre, below the 48 px header: bottom-right covered the save buttons of forms and
            dialogs, top-right the user menu and the pages' own buttons (issue 15 #23). The offset is in
            toasts.css: a `styles` prop would move every position's container, stretching the bottom ones
            over the whole page. */}
        <Notifications position="top-center" zIndex={500} autoClose={4000} />
        <QueryClientProvider client={queryClient}>
          <HashRouter>
            <SessionGate />
          </HashRouter>
        </QueryClientProvider>
      </DatesProvider>
    </MantineProvider>
  );
}
