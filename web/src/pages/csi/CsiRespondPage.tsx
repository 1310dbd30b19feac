/**
 * The CSI campaign's single-use link: rate each service on each question from 1 to 5 and add a
 * comment, without signing in. A closed campaign or a used link is explained instead.
 */
import { Alert, Button, Group, Paper, Radio, Stack, Text, Textarea, Title } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { api, type ApiError } from '../../api/client';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageLoader } from '../../components/PageLoader';
import { hasCode } from '../../errors';
import { currentLanguage } from '../../i18n';
import type { PublicCampaign } from './types';

const scores = ['1', '2', '3', '4', '5'] as const;

export default function CsiRespondPage() {
  const { t } = useTranslation();
  const { token = '' } = useParams();
  useDocumentTitle(`${t('csi.respond.title')} · ${t('app.name')}`);
  const english = currentLanguage() === 'en';
  const [values, setValues] = useState<Record<string, string>>({});
  const [comment, setComment] = useState('');
  const campaign = useQuery({
    queryKey: ['csi-respond', token],
    queryFn: () => api.get<PublicCampaign>(`/csi-campaigns/respond/${token}`),
    retry: false,
  });
  const send = useMutation<void, ApiError>({
    mutationFn: () =>
      api.post<void>(`/csi-campaigns/respond/${token}`, {
        answers: Object.entries(values).map(([key, score]) => {
          const [serviceId = '', questionId = ''] = key.split('|');
          return { serviceId, questionId, score: Number(score) };
        }),
        comment: comment.trim() || undefined,
      }),
  });

  if (campaign.isPending) return <PageLoader />;
  if (campaign.error) {
    return hasCode(campaign.error, 'not_found') ? (
      <Alert color="red" title={t('csi.respond.invalidTitle')}>
        {t('csi.respond.invalid')}
      </Alert>
    ) : (
      <ErrorAlert error={campaign.error} />
    );
  }
  const data = campaign.data;
  const title = english ? data.titleEn : data.titleMs;

  if (send.isSuccess) {
    return (
      <Stack>
        <Title order={1}>{title}</Title>
        <Alert color="teal" title={t('csi.respond.thanksTitle')}>
          {t('csi.respond.thanks')}
        </Alert>
      </Stack>
    );
  }
  if (data.answered || !data.open) {
    return (
      <Stack>
        <Title order={1}>{title}</Title>
        <Alert color="blue">
          {data.answered ? t('csi.respond.used') : t('csi.respond.closed')}
        </Alert>
      </Stack>
    );
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    send.mutate();
  }

  return (
    <form onSubmit={submit}>
      <Stack>
        <Title order={1}>{title}</Title>
        <Text>{t('csi.respond.intro')}</Text>
        {data.services.map((service) => (
          <Paper withBorder p="md" key={service.id} component="fieldset">
            <Title order={2} size="h4" component="legend">
              {english ? service.nameEn : service.nameMs}
            </Title>
            <Stack gap="sm">
              {data.questions.map((question) => {
                const key = `${service.id}|${question.id}`;
                return (
                  <Radio.Group
                    key={key}
                    label={english ? question.textEn : question.textMs}
                    value={values[key] ?? ''}
                    onChange={(value) => setValues((current) => ({ ...current, [key]: value }))}
                  >
                    <Group gap="md" mt={4} wrap="wrap">
                      {scores.map((score) => (
                        <Radio
                          key={score}
                          value={score}
                          label={score}
                          aria-label={t('csi.respond.scoreLabel', {
                            score,
                            question: english ? question.textEn : question.textMs,
                            service: english ? service.nameEn : service.nameMs,
                          })}
                        />
                      ))}
                    </Group>
                  </Radio.Group>
                );
              })}
            </Stack>
          </Paper>
        ))}
        <Text size="sm">{t('csi.respond.scale')}</Text>
        <Textarea
          label={t('csi.respond.comment')}
          value={comment}
          onChange={(event) => setComment(event.currentTarget.value)}
          maxLength={2000}
        />
        {send.error ? <ErrorAlert error={send.error} /> : null}
        <Group>
          <Button
            type="submit"
            loading={send.isPending}
            disabled={Object.keys(values).length === 0}
          >
            {t('csi.respond.submit')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
