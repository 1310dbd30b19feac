/** Routes of the calendar screens, mounted inside the signed-in shell by App.tsx. */
import { lazy } from 'react';
import { Route } from 'react-router';
import { RequireRoles } from '../shared';
import { calendarReaderRoles } from './types';

const CalendarsPage = lazy(() => import('./CalendarsPage'));
const CalendarPage = lazy(() => import('./CalendarPage'));

export const calendarNavItem = {
  to: '/admin/calendars',
  labelKey: 'sla.calendars.nav',
  roles: calendarReaderRoles,
};

export const calendarRoutes = (
  <>
    <Route
      path="admin/calendars"
      element={
        <RequireRoles roles={calendarReaderRoles}>
          <CalendarsPage />
        </RequireRoles>
      }
    />
    <Route
      path="admin/calendars/:id"
      element={
        <RequireRoles roles={calendarReaderRoles}>
          <CalendarPage />
        </RequireRoles>
      }
    />
  </>
);
