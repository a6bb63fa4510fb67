import { MantineProvider } from '@mantine/core';
import { Notifications } from '@mantine/notifications';
import { QueryClientProvider } from '@tanstack/react-query';
import { lazy, Suspense, useState } from 'react';
import { BrowserRouter, Route, Routes } from 'react-router';

import { createQueryClient } from './lib/query-client.js';
import { theme } from './lib/theme.js';
import { PageLoader } from './ui/page-loader.js';

// Each face loads only its own code.
const ConsoleApp = lazy(() => import('./console/console-app.js'));
const AccountApp = lazy(() => import('./account/account-app.js'));

export function App() {
  const [queryClient] = useState(createQueryClient);

  return (
    <MantineProvider theme={theme}>
      <Notifications position="bottom-right" />
      <QueryClientProvider client={queryClient}>
        <BrowserRouter>
          <Suspense fallback={<PageLoader />}>
            <Routes>
              <Route path="/admin/*" element={<ConsoleApp />} />
              <Route path="*" element={<AccountApp />} />
            </Routes>
          </Suspense>
        </BrowserRouter>
      </QueryClientProvider>
    </MantineProvider>
  );
}
