/** The rating link sent with a resolution: rate a case from 1 to 5 without signing in. */
import { Alert, Paper, Stack, Text, Title } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { api } from '../api/client';
import type { RatingInfo } from '../api/types';
import { ErrorAlert } from '../components/ErrorAlert';
import { PageLoader } from '../components/PageLoader';
import { RatingForm, type RatingInput } from '../components/RatingForm';
import { hasCode } from '../errors';

export default function RatePage() {
  const { t } = useTranslation();
  useDocumentTitle(`${t('rating.title')} · ${t('app.name')}`);
  const { token = '' } = useParams();
  const queryClient = useQueryClient();
  const path = `/ratings/${encodeURIComponent(token)}`;

  const info = useQuery({ queryKey: ['rating', token], queryFn: () => api.get<RatingInfo>(path) });
  const rate = useMutation({
    mutationFn: (input: RatingInput) => api.post<RatingInfo>(path, input),
    onSuccess: (result) => queryClient.setQueryData(['rating', token], result),
  });

  let content;
  if (info.isPending) {
    content = <PageLoader />;
  } else if (hasCode(info.error, 'not_found', 'validation_failed')) {
    content = (
      <Alert color="red" role="alert">
        {t('rating.linkInvalid')}
      </Alert>
    );
  } else if (info.isError) {
    content = <ErrorAlert error={info.error} />;
  } else if (info.data.rated) {
    content = (
      <Alert color="teal" role="status" title={t('rating.thanksTitle')}>
        {t('rating.thanks')}
      </Alert>
    );
  } else if (info.data.expired) {
    content = (
      <Alert color="orange" role="alert">
        {t('rating.linkExpired')}
      </Alert>
    );
  } else {
    content = (
      <RatingForm
        onSubmit={(input) => rate.mutate(input)}
        pending={rate.isPending}
        error={rate.error}
      />
    );
  }

  return (
    <Stack mt="lg">
      <Title order={1}>{t('rating.title')}</Title>
      {info.data ? (
        <Text style={{ overflowWrap: 'anywhere' }}>
          {t('rating.forCase', { reference: info.data.reference, title: info.data.title })}
        </Text>
      ) : null}
      <Paper withBorder p="md">
        {content}
      </Paper>
    </Stack>
  );
}
