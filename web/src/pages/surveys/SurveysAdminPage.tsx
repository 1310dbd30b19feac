/**
 * Survey definitions and their results, for managers, auditors and administrators. Only
 * administrators create surveys or switch them on and off.
 */
import {
  Alert,
  Badge,
  Button,
  Card,
  Group,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { hasRole, useSession } from '../../auth/session';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageLoader } from '../../components/PageLoader';
import { NewSurveyForm } from './NewSurveyForm';
import { localText, type GroupResult, type Survey, type SurveyResults } from './types';

function formatMean(value: number | null): string {
  return value === null ? '–' : value.toFixed(2);
}

function GroupTable({ caption, rows }: { caption: string; rows: GroupResult[] }) {
  const { t, i18n } = useTranslation();
  return (
    <Table.ScrollContainer minWidth={280}>
      <Table striped>
        <Table.Caption>{caption}</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('surveys.results.name')}</Table.Th>
            <Table.Th ta="right">{t('surveys.results.responses')}</Table.Th>
            <Table.Th ta="right">{t('surveys.results.mean')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((row) => (
            <Table.Tr key={row.key ?? 'none'}>
              <Table.Td>
                {row.key
                  ? localText(i18n.language, row.labelMs, row.labelEn)
                  : t('surveys.results.none')}
              </Table.Td>
              <Table.Td ta="right">{row.responses}</Table.Td>
              <Table.Td ta="right">{formatMean(row.meanScore)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

function Results({ survey }: { survey: Survey }) {
  const { t, i18n } = useTranslation();
  const results = useQuery({
    queryKey: ['survey-results', survey.id],
    queryFn: () => api.get<SurveyResults>(`/surveys/${survey.id}/results`),
  });
  if (results.isPending) return <PageLoader />;
  if (results.isError) return <ErrorAlert error={results.error} />;
  const data = results.data;
  const questionText = new Map(
    survey.questions.map((q) => [q.id, localText(i18n.language, q.textMs, q.textEn)]),
  );
  // Choice values are shown by their option label, and scores as they are.
  const optionLabel = new Map(
    survey.questions.flatMap((q) =>
      q.options.map((option) => [
        `${q.id}:${option.value}`,
        localText(i18n.language, option.labelMs, option.labelEn),
      ]),
    ),
  );
  return (
    <Stack>
      <Text>
        {t('surveys.results.summary', { responses: data.responses, invitations: data.invitations })}
      </Text>
      <Table.ScrollContainer minWidth={280}>
        <Table striped>
          <Table.Caption>{t('surveys.results.byQuestion')}</Table.Caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('surveys.results.question')}</Table.Th>
              <Table.Th ta="right">{t('surveys.results.answers')}</Table.Th>
              <Table.Th ta="right">{t('surveys.results.mean')}</Table.Th>
              <Table.Th>{t('surveys.results.counts')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {data.questions.map((question) => (
              <Table.Tr key={question.questionId}>
                <Table.Td>{questionText.get(question.questionId) ?? question.questionId}</Table.Td>
                <Table.Td ta="right">{question.answers}</Table.Td>
                <Table.Td ta="right">{formatMean(question.meanScore)}</Table.Td>
                <Table.Td>
                  {Object.entries(question.counts)
                    .map(([value, count]) => {
                      const label = optionLabel.get(`${question.questionId}:${value}`) ?? value;
                      return `${label}: ${count}`;
                    })
                    .join(', ')}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      <SimpleGrid cols={{ base: 1, md: 3 }}>
        <GroupTable caption={t('surveys.results.byService')} rows={data.byService} />
        <GroupTable caption={t('surveys.results.byUnit')} rows={data.byUnit} />
        <GroupTable caption={t('surveys.results.byTechnician')} rows={data.byTechnician} />
      </SimpleGrid>
    </Stack>
  );
}

export default function SurveysAdminPage() {
  const { t, i18n } = useTranslation();
  useDocumentTitle(`${t('surveys.admin.title')} · ${t('app.name')}`);
  const { me } = useSession();
  const isAdmin = hasRole(me, 'admin');
  const queryClient = useQueryClient();
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [creating, setCreating] = useState(false);
  const list = useQuery({
    queryKey: ['surveys'],
    queryFn: () => api.get<{ items: Survey[] }>('/surveys'),
  });
  const toggle = useMutation({
    mutationFn: (survey: Survey) =>
      api.patch<Survey>(`/surveys/${survey.id}`, { active: !survey.active }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['surveys'] }),
  });

  if (list.isPending) return <PageLoader />;
  if (list.isError) return <ErrorAlert error={list.error} />;
  const surveys = list.data.items;
  const selected = surveys.find((survey) => survey.id === selectedId) ?? surveys[0] ?? null;

  return (
    <Stack>
      <Group justify="space-between" wrap="wrap">
        <Title order={1}>{t('surveys.admin.title')}</Title>
        {isAdmin && !creating ? (
          <Button onClick={() => setCreating(true)}>{t('surveys.admin.new')}</Button>
        ) : null}
      </Group>
      {creating ? (
        <NewSurveyForm
          onDone={(created) => {
            setCreating(false);
            if (created) setSelectedId(created.id);
          }}
        />
      ) : null}
      {surveys.length === 0 ? <Alert color="gray">{t('surveys.admin.empty')}</Alert> : null}
      {selected ? (
        <>
          <Select
            label={t('surveys.admin.survey')}
            value={selected.id}
            onChange={setSelectedId}
            allowDeselect={false}
            data={surveys.map((survey) => ({
              value: survey.id,
              label: `${survey.code} · ${localText(i18n.language, survey.nameMs, survey.nameEn)}`,
            }))}
          />
          <Card withBorder>
            <Stack gap="xs">
              <Group justify="space-between" wrap="wrap">
                <Text fw={600}>{localText(i18n.language, selected.nameMs, selected.nameEn)}</Text>
                <Badge variant="light" color={selected.active ? 'teal' : 'gray.8'}>
                  {t(selected.active ? 'surveys.admin.active' : 'surveys.admin.inactive')}
                </Badge>
              </Group>
              <Text size="sm">
                {t('surveys.admin.rules', {
                  percent: selected.samplingPercent,
                  hours: selected.reminderAfterHours,
                  days: selected.validDays,
                })}
              </Text>
              <Text size="sm">
                {selected.categoryIds.length === 0
                  ? t('surveys.admin.allCategories')
                  : t('surveys.admin.someCategories', { count: selected.categoryIds.length })}
              </Text>
              {isAdmin ? (
                <Group>
                  <Button
                    variant="default"
                    size="sm"
                    loading={toggle.isPending}
                    onClick={() => toggle.mutate(selected)}
                  >
                    {t(selected.active ? 'surveys.admin.deactivate' : 'surveys.admin.activate')}
                  </Button>
                </Group>
              ) : null}
              <ErrorAlert error={toggle.error} />
            </Stack>
          </Card>
          <Title order={2}>{t('surveys.results.title')}</Title>
          <Results survey={selected} />
        </>
      ) : null}
    </Stack>
  );
}
