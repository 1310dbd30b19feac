/**
 * CSI campaigns (kempen indeks kepuasan pelanggan): the list with each campaign's state and
 * response count, and a form that starts a new campaign for chosen services and population.
 */
import {
  ActionIcon,
  Anchor,
  Badge,
  Button,
  Card,
  Group,
  MultiSelect,
  NumberInput,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { api, type ApiError } from '../../api/client';
import { localName, useCatalogue } from '../../catalogue';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageLoader } from '../../components/PageLoader';
import { formatDateTime } from '../../format';
import { currentLanguage } from '../../i18n';
import {
  statusColours,
  type CampaignDetail,
  type CampaignQuestion,
  type CampaignSummary,
} from './types';

/** Turns the value of a datetime-local input (local time) into an ISO instant. */
function toIso(local: string): string | undefined {
  return local ? new Date(local).toISOString() : undefined;
}

function CampaignForm() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const language = currentLanguage();
  const catalogue = useCatalogue();
  const [titleMs, setTitleMs] = useState('');
  const [titleEn, setTitleEn] = useState('');
  const [serviceIds, setServiceIds] = useState<string[]>([]);
  const [questions, setQuestions] = useState<CampaignQuestion[]>(() =>
    ['q1', 'q2', 'q3'].map((id) => ({
      id,
      textMs: t(`csi.defaultQuestions.${id}.ms`),
      textEn: t(`csi.defaultQuestions.${id}.en`),
    })),
  );
  const [staffPercent, setStaffPercent] = useState<number | string>(100);
  const [studentPercent, setStudentPercent] = useState<number | string>(10);
  const [opensAt, setOpensAt] = useState('');
  const [closesAt, setClosesAt] = useState('');
  const [reminderDays, setReminderDays] = useState('3, 6');

  const create = useMutation<CampaignDetail, ApiError>({
    mutationFn: () =>
      api.post<CampaignDetail>('/csi-campaigns', {
        titleMs,
        titleEn,
        serviceIds,
        questions,
        population: [
          { kind: 'staff', percent: Number(staffPercent) },
          { kind: 'student', percent: Number(studentPercent) },
        ].filter((group) => group.percent > 0),
        opensAt: toIso(opensAt),
        closesAt: toIso(closesAt) ?? '',
        reminderDays: reminderDays
          .split(',')
          .map((day) => day.trim())
          .filter((day) => day !== '')
          .map(Number),
      }),
    onSuccess: (campaign) => void navigate(`/csi/${campaign.reference}`),
  });
  // The API's field messages are English, so each field shows a translated sentence.
  const invalid = (prefix: string) =>
    create.error?.issues.some((entry) => entry.field.startsWith(`body.${prefix}`))
      ? t(`csi.errors.${prefix}`)
      : undefined;

  const setQuestion = (index: number, change: Partial<CampaignQuestion>) =>
    setQuestions((current) =>
      current.map((question, at) => (at === index ? { ...question, ...change } : question)),
    );

  function submit(event: FormEvent) {
    event.preventDefault();
    create.mutate();
  }

  return (
    <Card withBorder component="section" aria-labelledby="csi-form-title">
      <form onSubmit={submit}>
        <Stack>
          <Title order={2} size="h3" id="csi-form-title">
            {t('csi.form.title')}
          </Title>
          <TextInput
            label={t('csi.form.titleMs')}
            value={titleMs}
            onChange={(event) => setTitleMs(event.currentTarget.value)}
            required
            error={invalid('titleMs')}
          />
          <TextInput
            label={t('csi.form.titleEn')}
            value={titleEn}
            onChange={(event) => setTitleEn(event.currentTarget.value)}
            required
            error={invalid('titleEn')}
          />
          <MultiSelect
            label={t('csi.form.services')}
            data={(catalogue.data?.items ?? []).map((service) => ({
              value: service.id,
              label: localName(service, language),
            }))}
            value={serviceIds}
            onChange={setServiceIds}
            searchable
            required
            error={invalid('serviceIds')}
          />
          <Stack gap="xs">
            <Text fw={500} size="sm">
              {t('csi.form.questions')}
            </Text>
            {questions.map((question, index) => (
              <Group key={question.id} align="flex-end" wrap="wrap" gap="xs">
                <TextInput
                  label={t('csi.form.questionMs', { number: index + 1 })}
                  value={question.textMs}
                  onChange={(event) => setQuestion(index, { textMs: event.currentTarget.value })}
                  required
                  style={{ flex: '1 1 220px' }}
                />
                <TextInput
                  label={t('csi.form.questionEn', { number: index + 1 })}
                  value={question.textEn}
                  onChange={(event) => setQuestion(index, { textEn: event.currentTarget.value })}
                  required
                  style={{ flex: '1 1 220px' }}
                />
                <ActionIcon
                  variant="default"
                  size="lg"
                  disabled={questions.length === 1}
                  onClick={() => setQuestions((current) => current.filter((_, at) => at !== index))}
                  aria-label={t('csi.form.removeQuestion', { number: index + 1 })}
                >
                  ×
                </ActionIcon>
              </Group>
            ))}
            {invalid('questions') ? (
              <Text c="red.9" size="sm">
                {invalid('questions')}
              </Text>
            ) : null}
            <Group>
              <Button
                variant="default"
                size="xs"
                onClick={() =>
                  setQuestions((current) => [
                    ...current,
                    { id: `q${Date.now().toString(36)}`, textMs: '', textEn: '' },
                  ])
                }
              >
                {t('csi.form.addQuestion')}
              </Button>
            </Group>
          </Stack>
          <Group grow wrap="wrap" align="flex-start">
            <NumberInput
              label={t('csi.form.staffPercent')}
              min={0}
              max={100}
              value={staffPercent}
              onChange={setStaffPercent}
              miw={140}
            />
            <NumberInput
              label={t('csi.form.studentPercent')}
              min={0}
              max={100}
              value={studentPercent}
              onChange={setStudentPercent}
              miw={140}
              error={invalid('population')}
            />
          </Group>
          <Group grow wrap="wrap" align="flex-start">
            <TextInput
              type="datetime-local"
              label={t('csi.form.opensAt')}
              description={t('csi.form.opensAtHelp')}
              value={opensAt}
              onChange={(event) => setOpensAt(event.currentTarget.value)}
              error={invalid('opensAt')}
              miw={200}
            />
            <TextInput
              type="datetime-local"
              label={t('csi.form.closesAt')}
              value={closesAt}
              onChange={(event) => setClosesAt(event.currentTarget.value)}
              required
              error={invalid('closesAt')}
              miw={200}
            />
          </Group>
          <TextInput
            label={t('csi.form.reminderDays')}
            description={t('csi.form.reminderDaysHelp')}
            value={reminderDays}
            onChange={(event) => setReminderDays(event.currentTarget.value)}
            error={invalid('reminderDays')}
          />
          {create.error && create.error.issues.length === 0 ? (
            <ErrorAlert error={create.error} />
          ) : null}
          <Group>
            <Button type="submit" loading={create.isPending}>
              {t('csi.form.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Card>
  );
}

export default function CampaignsPage() {
  const { t } = useTranslation();
  useDocumentTitle(`${t('csi.title')} · ${t('app.name')}`);
  const english = currentLanguage() === 'en';
  const list = useQuery({
    queryKey: ['csi-campaigns'],
    queryFn: () => api.get<{ items: CampaignSummary[] }>('/csi-campaigns?limit=50'),
  });

  return (
    <Stack>
      <Title order={1}>{t('csi.title')}</Title>
      <Text>{t('csi.intro')}</Text>
      {list.isPending ? (
        <PageLoader />
      ) : list.error ? (
        <ErrorAlert error={list.error} />
      ) : list.data.items.length === 0 ? (
        <Text>{t('csi.none')}</Text>
      ) : (
        <Table.ScrollContainer minWidth={640}>
          <Table striped>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('csi.list.campaign')}</Table.Th>
                <Table.Th>{t('csi.list.status')}</Table.Th>
                <Table.Th>{t('csi.list.period')}</Table.Th>
                <Table.Th>{t('csi.list.responses')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {list.data.items.map((campaign) => (
                <Table.Tr key={campaign.reference}>
                  <Table.Td>
                    <Anchor component={Link} to={`/csi/${campaign.reference}`}>
                      {campaign.reference}
                    </Anchor>
                    <Text size="sm">{english ? campaign.titleEn : campaign.titleMs}</Text>
                  </Table.Td>
                  <Table.Td>
                    <Badge color={statusColours[campaign.status]} variant="filled" radius="sm">
                      {t(`csi.status.${campaign.status}`)}
                    </Badge>
                  </Table.Td>
                  <Table.Td>
                    {formatDateTime(campaign.opensAt)} – {formatDateTime(campaign.closesAt)}
                  </Table.Td>
                  <Table.Td>
                    {campaign.responses ?? 0} / {campaign.invited}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <CampaignForm />
    </Stack>
  );
}
