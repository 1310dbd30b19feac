/** The web app: providers, and the routes with each page loaded only when first visited. */
import { MantineProvider } from '@mantine/core';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { lazy, type ReactNode } from 'react';
import { BrowserRouter, Navigate, Route, Routes, useSearchParams } from 'react-router';
import { ApiError } from './api/client';
import { isStaff, SessionProvider, useSession, worksCases } from './auth/session';
import { PublicLayout } from './components/PublicLayout';
import { RequireSession } from './components/RequireSession';
import { Shell } from './components/Shell';
import { adminRoutes } from './pages/admin/routes';
import { approvalPublicRoutes, approvalRoutes } from './pages/approvals/routes';
import { calendarRoutes } from './pages/admin/calendars/routes';
import { loanRoutes } from './pages/loans/routes';
import { ceremonyRoutes } from './pages/ceremonies/routes';
import { projectRoutes } from './pages/projects/routes';
import { cssVariablesResolver, theme } from './theme';

const SignInPage = lazy(() => import('./pages/SignInPage'));
const HomePage = lazy(() => import('./pages/HomePage'));
const CasesPage = lazy(() => import('./pages/CasesPage'));
const NewCasePage = lazy(() => import('./pages/NewCasePage'));
const CasePage = lazy(() => import('./pages/CasePage'));
const RatePage = lazy(() => import('./pages/RatePage'));
const NotFoundPage = lazy(() => import('./pages/NotFoundPage'));
const QueuesPage = lazy(() => import('./pages/agent/QueuesPage'));
const LogCasePage = lazy(() => import('./pages/agent/LogCasePage'));
const StaffCasePage = lazy(() => import('./pages/agent/StaffCasePage'));
const PeriodicReportPage = lazy(() => import('./pages/reports/PeriodicReportPage'));
const PeriodicRecordsPage = lazy(() => import('./pages/reports/PeriodicRecordsPage'));
const CharterPage = lazy(() => import('./pages/reports/CharterPage'));
const TrendsPage = lazy(() => import('./pages/reports/TrendsPage'));
const DashboardPage = lazy(() => import('./pages/reports/DashboardPage'));
const CampaignsPage = lazy(() => import('./pages/csi/CampaignsPage'));
const CampaignPage = lazy(() => import('./pages/csi/CampaignPage'));
const CsiRespondPage = lazy(() => import('./pages/csi/CsiRespondPage'));
const SurveyFormPage = lazy(() => import('./pages/surveys/SurveyFormPage'));
const SurveysAdminPage = lazy(() => import('./pages/surveys/SurveysAdminPage'));
const FollowUpsPage = lazy(() => import('./pages/surveys/FollowUpsPage'));

/** Renders `staff` for people who work or read cases for the division, `customer` otherwise. */
function ForStaff({ staff, customer }: { staff: ReactNode; customer: ReactNode }) {
  const { me } = useSession();
  return isStaff(me) ? staff : customer;
}

/** The case list: people who work cases go to their queues; auditors and customers get the list. */
/**
 * Turns a case-list filter such as /cases?status=new&unassigned=true (the process map's links) into
 * the agent workspace's queue that shows the same cases.
 */
function agentQueueUrl(params: URLSearchParams): string {
  const statuses = (params.get('status') ?? '').split(',').filter(Boolean);
  const single = statuses.length === 1 ? statuses[0] : undefined;
  const queue = new URLSearchParams();
  if (params.get('unassigned') === 'true') {
    queue.set('queue', 'unassigned');
  } else if (single === 'resolved') {
    queue.set('queue', 'resolved');
  } else if (statuses.length > 0 && statuses.every((status) => status.startsWith('waiting_'))) {
    queue.set('queue', 'waiting');
    if (single) queue.set('status', single);
  } else {
    queue.set('queue', 'open');
    if (single) queue.set('status', single);
  }
  const sort = params.get('sort');
  if (sort) queue.set('sort', sort);
  return `/agent?${queue.toString()}`;
}

function CasesRoute() {
  const { me } = useSession();
  const [params] = useSearchParams();
  if (worksCases(me)) {
    return <Navigate to={agentQueueUrl(params)} replace />;
  }
  return <CasesPage />;
}

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
                <Route path="survey/:token" element={<SurveyFormPage />} />
                <Route path="csi/respond/:token" element={<CsiRespondPage />} />
                {approvalPublicRoutes}
              </Route>
              <Route
                element={
                  <RequireSession>
                    <Shell />
                  </RequireSession>
                }
              >
                <Route index element={<HomePage />} />
                <Route path="cases" element={<CasesRoute />} />
                <Route path="cases/new" element={<NewCasePage />} />
                <Route
                  path="cases/:reference"
                  element={<ForStaff staff={<StaffCasePage />} customer={<CasePage />} />}
                />
                <Route path="agent" element={<QueuesPage />} />
                <Route path="agent/new" element={<LogCasePage />} />
                <Route path="reports/periodic" element={<PeriodicReportPage />} />
                <Route path="reports/periodic/records" element={<PeriodicRecordsPage />} />
                <Route path="reports/charter" element={<CharterPage />} />
                <Route path="reports/trends" element={<TrendsPage />} />
                <Route path="dashboard" element={<DashboardPage />} />
                <Route path="csi" element={<CampaignsPage />} />
                <Route path="csi/:reference" element={<CampaignPage />} />
                <Route path="surveys" element={<SurveysAdminPage />} />
                <Route path="follow-ups" element={<FollowUpsPage />} />
                <Route path="follow-ups/:id" element={<FollowUpsPage />} />
                {adminRoutes}
                {approvalRoutes}
                {calendarRoutes}
                {loanRoutes}
                {ceremonyRoutes}
                {projectRoutes}
                <Route path="*" element={<NotFoundPage />} />
              </Route>
            </Routes>
          </SessionProvider>
        </BrowserRouter>
      </QueryClientProvider>
    </MantineProvider>
  );
}
