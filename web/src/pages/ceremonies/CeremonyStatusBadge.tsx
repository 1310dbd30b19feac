/** The status of an event, in red when the readiness check found it not ready. */
import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { CeremonySummary } from './types';

export function CeremonyStatusBadge({ event }: { event: CeremonySummary }) {
  const { t } = useTranslation();
  const notReady = event.notReady && event.status === 'preparing';
  return (
    <Badge color={notReady ? 'red' : 'blue'}>
      {notReady ? t('ceremony.notReady') : t(`ceremony.status.${event.status}`)}
    </Badge>
  );
}
