/**
 * The live process map of the complaint lane: the boxes of the map in its order, each with the
 * number of complaints waiting there and a link to the case list behind it, refreshed every 30 s.
 */
import { Alert, Group, Stack, Text, Title } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type {
  CaseListFilter,
  ProcessMap,
  ProcessMapBox,
} from '../../../../api/schemas/process-map';
import { api } from '../../api/client';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageLoader } from '../../components/PageLoader';
import { formatDateTime } from '../../format';
import './process-map.css';

const refreshMs = 30_000;

/** Returns the web app's case-list URL for a filter, such as /cases?status=new&unassigned=true. */
function caseListUrl(filter: CaseListFilter): string {
  const query = new URLSearchParams({ status: filter.status.join(',') });
  if (filter.unassigned) query.set('unassigned', 'true');
  if (filter.sort) query.set('sort', filter.sort);
  return `/cases?${query.toString()}`;
}

function BoxContent({ label, count, hint }: { label: string; count: string; hint: string }) {
  return (
    <>
      <span className="pm-box-label">{label}</span>
      <span className="pm-box-count">{count}</span>
      <span className="pm-box-hint">{hint}</span>
    </>
  );
}

function MapBox({ box, className = '' }: { box: ProcessMapBox; className?: string }) {
  const { t } = useTranslation();
  const label = t(`processMap.boxes.${box.id}`);
  const hint = t(`processMap.hints.${box.id}`);
  if (!box.filter) {
    return (
      <div className={`pm-box ${className}`}>
        <BoxContent
          label={label}
          count={t('processMap.findingCount', { count: box.count })}
          hint={hint}
        />
      </div>
    );
  }
  return (
    <Link to={caseListUrl(box.filter)} className={`pm-box ${className}`}>
      <BoxContent
        label={label}
        count={t('processMap.caseCount', { count: box.count })}
        hint={hint}
      />
    </Link>
  );
}

const otherLanes = ['facilities', 'ceremonies', 'projects'] as const;

export default function ProcessMapPage() {
  const { t } = useTranslation();
  useDocumentTitle(`${t('processMap.title')} · ${t('app.name')}`);
  const map = useQuery({
    queryKey: ['process-map', 'complaint'],
    queryFn: () => api.get<ProcessMap>('/process-map?lane=complaint'),
    refetchInterval: refreshMs,
    refetchIntervalInBackground: false,
  });
  const boxes = new Map(map.data?.boxes.map((box) => [box.id, box]));
  const box = (id: ProcessMapBox['id']) => boxes.get(id);
  const receive = box('receive');
  const assign = box('assign');
  const work = box('work');
  const finding = box('finding');
  const inform = box('inform');
  const waiting = [box('waitingCustomer'), box('waitingSupplier')].filter(
    (item): item is ProcessMapBox => item !== undefined,
  );

  return (
    <Stack>
      <Title order={1}>{t('processMap.title')}</Title>
      <Text c="dimmed">{t('processMap.intro')}</Text>
      <ErrorAlert error={map.error} />
      {map.isPending ? <PageLoader /> : null}
      {map.data && receive && assign && work && finding && inform ? (
        <>
          <Text size="sm" role="status" aria-live="polite">
            {t('processMap.updated', { time: formatDateTime(map.data.generatedAt) })}
          </Text>
          <Stack component="section" aria-labelledby="pm-lane-title" gap="sm">
            <Title order={2} size="h4" id="pm-lane-title">
              {t('processMap.lane')}
            </Title>
            <ol className="pm-flow">
              <li className="pm-step">
                <div className="pm-column">
                  <MapBox box={receive} />
                </div>
                <span className="pm-arrow" aria-hidden="true" />
              </li>
              <li className="pm-step">
                <div className="pm-column">
                  <MapBox box={assign} />
                </div>
                <span className="pm-arrow" aria-hidden="true" />
              </li>
              <li className="pm-step">
                <div className="pm-column">
                  <MapBox box={work} />
                  <div
                    className="pm-waiting-group"
                    role="group"
                    aria-label={t('processMap.waitingGroup')}
                  >
                    <span className="pm-waiting-title">{t('processMap.waitingGroup')}</span>
                    {waiting.map((item) => (
                      <MapBox key={item.id} box={item} className="pm-box-waiting" />
                    ))}
                  </div>
                </div>
                <span className="pm-arrow" aria-hidden="true" />
              </li>
              <li className="pm-step">
                <div className="pm-column">
                  <MapBox box={finding} className="pm-decision" />
                </div>
                <span className="pm-arrow" aria-hidden="true" />
              </li>
              <li className="pm-step">
                <div className="pm-column">
                  <MapBox box={inform} />
                </div>
              </li>
            </ol>
          </Stack>

          <Stack component="section" aria-labelledby="pm-summary-title" gap="sm">
            <Title order={2} size="h4" id="pm-summary-title">
              {t('processMap.summary')}
            </Title>
            <div className="pm-summary">
              <Link to={caseListUrl(map.data.closedRecently.filter)} className="pm-box pm-box-done">
                <BoxContent
                  label={t('processMap.closedRecently', { days: map.data.closedRecently.days })}
                  count={t('processMap.caseCount', { count: map.data.closedRecently.count })}
                  hint={t('status.closed')}
                />
              </Link>
              <Link to={caseListUrl(map.data.breached.filter)} className="pm-box pm-box-alert">
                <BoxContent
                  label={t('processMap.breached')}
                  count={t('processMap.caseCount', { count: map.data.breached.count })}
                  hint="SLA"
                />
              </Link>
            </div>
          </Stack>

          <Stack component="section" aria-labelledby="pm-other-title" gap="sm">
            <Title order={2} size="h4" id="pm-other-title">
              {t('processMap.otherLanes')}
            </Title>
            <ul className="pm-lanes">
              {otherLanes.map((lane) => (
                <li key={lane} className="pm-lane-soon">
                  <Group justify="space-between" gap="xs" wrap="wrap">
                    <Text fw={600} size="sm">
                      {t(`processMap.lanes.${lane}`)}
                    </Text>
                    <Text size="xs">{t('processMap.comingSoon')}</Text>
                  </Group>
                </li>
              ))}
            </ul>
          </Stack>
        </>
      ) : null}
      {map.data && !receive ? <Alert color="red">{t('errors.internal')}</Alert> : null}
    </Stack>
  );
}
