/** The web app: providers, and the routes with each page loaded only when first visited. */
import { MantineProvider } from '@mantine/core';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { lazy } from 'react';
import { BrowserRouter, Route, Routes } from 'react-router';
import { ApiError } from './api/client';
import { SessionProvider } from './auth/session';
import { PublicLayout } from './components/PublicLayout';
import { RequireSession } from './components/RequireSession';
import { Shell } from './components/Shell';
import { cssVariablesResolver, theme } from './theme';

const SignInPage = lazy(() => import('./pages/SignInPage'));
const HomePage = lazy(() => import('./pages/HomePage'));
const CasesPage = lazy(() => import('./pages/CasesPage'));
const NewCasePage = lazy(() => import('./pages/NewCasePage'));
const CasePage = lazy(() => import('./pages/CasePage'));
const RatePage = lazy(() => import('./pages/RatePage'));
const NotFoundPage = lazy(() => import('./pages/NotFoundPage'));

const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      // A 4xx response will not change on retry, so only network and 5xx failures get one more try.
      retry: (failures, error) =>
        failures < 1 && !(error instanceof ApiError && error.status >= 400 && error.status < 500),
      refetchOnWindowFocus: false,
    },
  },
});

export function App() {
  return (
    <MantineProvider
      theme={theme}
      defaultColorScheme="light"
      cssVariablesResolver={cssVariablesResolver}
    >
      <QueryClientProvider client={queryClient}>
        <BrowserRouter>
          <SessionProvider>
            <Routes>
              <Route element={<PublicLayout />}>
                <Route path="signin" element={<SignInPage />} />
                <Route path="rate/:token" element={<RatePage />} />
              </Route>
              <Route
                element={
                  <RequireSession>
                    <Shell />
                  </RequireSession>
                }
              >
                <Route index element={<HomePage />} />
                <Route path="cases" element={<CasesPage />} />
                <Route path="cases/new" element={<NewCasePage />} />
                <Route path="cases/:reference" element={<CasePage />} />
                <Route path="*" element={<NotFoundPage />} />
              </Route>
            </Routes>
          </SessionProvider>
        </BrowserRouter>
      </QueryClientProvider>
    </MantineProvider>
  );
}
