/**
 * One case as its customer views it: the details and the public timeline with each entry's
 * attachments. The customer may reply with attachments, confirm or reopen a resolved case, and
 * rate it once.
 */
import {
  Alert,
  Anchor,
  Button,
  Group,
  List,
  Paper,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  Title,
} from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation, useParams } from 'react-router';
import { api } from '../api/client';
import type { CaseDetail } from '../api/types';
import { AttachmentInput, AttachmentLinks } from '../components/Attachments';
import { useUploads } from './agent/data';
import { useSession } from '../auth/session';
import { localName } from '../catalogue';
import { ErrorAlert } from '../components/ErrorAlert';
import { PageLoader } from '../components/PageLoader';
import { RatingForm, type RatingInput } from '../components/RatingForm';
import { StatusBadge } from '../components/StatusBadge';
import { formatBytes, formatDateTime } from '../format';
import { currentLanguage } from '../i18n';
import NotFoundPage from './NotFoundPage';
import { ClockTimeline } from '../components/ClockTimeline';
import { hasCode } from '../errors';

function Detail({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <Text size="sm" c="dimmed" component="dt">
        {label}
      </Text>
      <Text component="dd" m={0} style={{ overflowWrap: 'anywhere' }}>
        {children}
      </Text>
    </div>
  );
}

function useCaseAction(reference: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ path, body }: { path: string; body: unknown }) =>
      api.post<{ case: CaseDetail }>(`/cases/${reference}/${path}`, body),
    onSuccess: async (result) => {
      queryClient.setQueryData(['case', reference], result.case);
      await queryClient.invalidateQueries({ queryKey: ['cases'] });
    },
  });
}

function ReplyForm({ reference }: { reference: string }) {
  const { t } = useTranslation();
  const action = useCaseAction(reference);
  const [body, setBody] = useState('');
  const [files, setFiles] = useState<File[]>([]);
  const [missing, setMissing] = useState(false);
  const uploads = useUploads();

  // Files are uploaded first, so a failed upload sends no reply.
  async function handleSubmit(event: FormEvent) {
    event.preventDefault();
    if (body.trim() === '') {
      setMissing(true);
      return;
    }
    setMissing(false);
    const attachmentIds = await uploads.upload(files);
    if (attachmentIds === null) return;
    action.mutate(
      { path: 'replies', body: { body: body.trim(), attachmentIds } },
      {
        onSuccess: () => {
          setBody('');
          setFiles([]);
        },
      },
    );
  }

  return (
    <form onSubmit={(event) => void handleSubmit(event)} noValidate>
      <Stack gap="sm">
        <ErrorAlert error={uploads.error ?? action.error} />
        <Textarea
          label={t('cases.view.replyLabel')}
          autosize
          minRows={3}
          value={body}
          onChange={(event) => setBody(event.currentTarget.value)}
          error={missing ? t('validation.required') : undefined}
          required
        />
        <AttachmentInput
          files={files}
          onChange={setFiles}
          description={t('cases.create.attachmentsHelp')}
        />
        <Group justify="flex-end">
          <Button type="submit" loading={uploads.uploading || action.isPending}>
            {t('cases.view.sendReply')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function ResolvedActions({ reference }: { reference: string }) {
  const { t } = useTranslation();
  const confirm = useCaseAction(reference);
  const reopen = useCaseAction(reference);
  const [reopening, setReopening] = useState(false);
  const [reason, setReason] = useState('');
  const [missing, setMissing] = useState(false);

  function handleReopen(event: FormEvent) {
    event.preventDefault();
    if (reason.trim() === '') {
      setMissing(true);
      return;
    }
    setMissing(false);
    reopen.mutate({ path: 'reopen', body: { reason: reason.trim() } });
  }

  return (
    <Stack gap="sm">
      <Text>{t('cases.view.resolvedPrompt')}</Text>
      <ErrorAlert error={confirm.error} />
      <Group gap="sm">
        <Button
          color="teal.9"
          onClick={() => confirm.mutate({ path: 'confirm', body: {} })}
          loading={confirm.isPending}
        >
          {t('cases.view.confirm')}
        </Button>
        <Button
          variant="default"
          onClick={() => setReopening((open) => !open)}
          aria-expanded={reopening}
        >
          {t('cases.view.reopen')}
        </Button>
      </Group>
      {reopening ? (
        <form onSubmit={handleReopen} noValidate>
          <Stack gap="sm">
            <ErrorAlert error={reopen.error} />
            <Textarea
              label={t('fields.reason')}
              description={t('cases.view.reopenHelp')}
              autosize
              minRows={2}
              value={reason}
              onChange={(event) => setReason(event.currentTarget.value)}
              error={missing ? t('validation.required') : undefined}
              required
            />
            <Group justify="flex-end">
              <Button type="submit" loading={reopen.isPending}>
                {t('cases.view.reopenSubmit')}
              </Button>
            </Group>
          </Stack>
        </form>
      ) : null}
    </Stack>
  );
}

function RatingSection({ detail }: { detail: CaseDetail }) {
  const { t } = useTranslation();
  const rate = useCaseAction(detail.reference);
  if (detail.rating) {
    return (
      <Text>
        {t('rating.given', { score: detail.rating.score })}
        {detail.rating.comment ? ` — ${detail.rating.comment}` : ''}
      </Text>
    );
  }
  return (
    <RatingForm
      pending={rate.isPending}
      error={rate.error}
      onSubmit={(input: RatingInput) => rate.mutate({ path: 'rating', body: input })}
    />
  );
}

export default function CasePage() {
  const { t } = useTranslation();
  const { reference = '' } = useParams();
  const location = useLocation();
  const { me } = useSession();
  const language = currentLanguage();
  useDocumentTitle(`${reference} · ${t('app.name')}`);
  const created = (location.state as { created?: boolean } | null)?.created === true;

  const query = useQuery({
    queryKey: ['case', reference],
    queryFn: () => api.get<CaseDetail>(`/cases/${reference}`),
  });

  if (query.isPending) return <PageLoader />;
  if (hasCode(query.error, 'not_found', 'validation_failed')) return <NotFoundPage />;
  if (query.isError) return <ErrorAlert error={query.error} />;
  const detail = query.data;
  const isRequester = me?.id === detail.requester.id;
  const open = detail.status !== 'resolved' && detail.status !== 'closed';
  const rateable = isRequester && (detail.status === 'resolved' || detail.status === 'closed');
  const publicEntries = detail.timeline.filter((entry) => entry.visibility === 'public');
  // Files sent with the case stand apart; files of a reply are shown with that reply.
  const caseFiles = detail.attachments.filter((file) => file.messageId === null);

  return (
    <Stack maw={860}>
      {created ? (
        <Alert color="teal" title={t('cases.view.createdTitle')} role="status">
          {t('cases.view.createdBody', { reference: detail.reference })}
        </Alert>
      ) : null}

      <Stack gap={4}>
        <Group gap="sm" wrap="wrap">
          <Text fw={600} c="dimmed">
            {t('fields.reference')}: {detail.reference}
          </Text>
          <StatusBadge status={detail.status} />
          {detail.reopenCount > 0 ? (
            <Text size="sm" c="dimmed">
              {t('cases.view.reopened', { count: detail.reopenCount })}
            </Text>
          ) : null}
        </Group>
        <Title order={1} style={{ overflowWrap: 'anywhere' }}>
          {detail.title}
        </Title>
      </Stack>

      <Paper withBorder p="md" component="section" aria-labelledby="case-details">
        <Title order={2} size="h4" id="case-details" mb="sm">
          {t('cases.view.details')}
        </Title>
        <SimpleGrid cols={{ base: 1, xs: 2, md: 3 }} component="dl" m={0}>
          <Detail label={t('fields.serviceId')}>
            {localName(detail.service, language) || '—'}
          </Detail>
          <Detail label={t('fields.categoryId')}>
            {localName(detail.category, language) || '—'}
          </Detail>
          <Detail label={t('fields.priority')}>{t(`priority.${detail.priority}`)}</Detail>
          <Detail label={t('fields.channel')}>{t(`channel.${detail.channel}`)}</Detail>
          <Detail label={t('fields.openedAt')}>{formatDateTime(detail.openedAt)}</Detail>
          <Detail label={t('fields.unit')}>{localName(detail.unit, language) || '—'}</Detail>
          <Detail label={t('fields.assignee')}>{detail.assignee?.name ?? '—'}</Detail>
          {detail.sla.resolutionDueAt && open ? (
            <Detail label={t('fields.resolutionDueAt')}>
              {formatDateTime(detail.sla.resolutionDueAt)}
            </Detail>
          ) : null}
          {detail.resolvedAt ? (
            <Detail label={t('fields.resolvedAt')}>{formatDateTime(detail.resolvedAt)}</Detail>
          ) : null}
          {detail.closedAt ? (
            <Detail label={t('fields.closedAt')}>{formatDateTime(detail.closedAt)}</Detail>
          ) : null}
        </SimpleGrid>
        <Title order={3} size="h5" mt="md">
          {t('fields.description')}
        </Title>
        <Text className="preserve-lines">{detail.description}</Text>
        {detail.resolutionNote ? (
          <>
            <Title order={3} size="h5" mt="md">
              {t('fields.resolutionNote')}
            </Title>
            <Text className="preserve-lines">{detail.resolutionNote}</Text>
          </>
        ) : null}
      </Paper>

      <ClockTimeline reference={detail.reference} />

      {caseFiles.length > 0 ? (
        <Paper withBorder p="md" component="section" aria-labelledby="case-attachments">
          <Title order={2} size="h4" id="case-attachments" mb="sm">
            {t('cases.view.attachments')}
          </Title>
          <List spacing="xs">
            {caseFiles.map((file) => (
              <List.Item key={file.id} style={{ overflowWrap: 'anywhere' }}>
                <Anchor
                  href={`/api/v1/cases/${detail.reference}/attachments/${file.id}`}
                  download={file.fileName}
                >
                  {file.fileName}
                </Anchor>{' '}
                <Text span size="sm" c="dimmed">
                  ({formatBytes(file.sizeBytes)})
                </Text>
              </List.Item>
            ))}
          </List>
        </Paper>
      ) : null}

      <Paper withBorder p="md" component="section" aria-labelledby="case-timeline">
        <Title order={2} size="h4" id="case-timeline" mb="sm">
          {t('cases.view.timeline')}
        </Title>
        {publicEntries.length === 0 ? <Text>{t('cases.view.noTimeline')}</Text> : null}
        <Stack gap="md" component="ol" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
          {publicEntries.map((entry) => (
            <li key={entry.id}>
              <Text size="sm" c="dimmed">
                {t(`messageKind.${entry.kind}`, { defaultValue: entry.kind })}
                {entry.author ? ` · ${entry.author.name}` : ''} · {formatDateTime(entry.createdAt)}
              </Text>
              <Text className="preserve-lines">{entry.body}</Text>
              <AttachmentLinks
                reference={detail.reference}
                files={detail.attachments.filter((file) => file.messageId === entry.id)}
              />
            </li>
          ))}
        </Stack>
      </Paper>

      {isRequester && detail.status === 'resolved' ? (
        <Paper withBorder p="md" component="section" aria-labelledby="case-confirm">
          <Title order={2} size="h4" id="case-confirm" mb="sm">
            {t('cases.view.confirmTitle')}
          </Title>
          <ResolvedActions reference={detail.reference} />
        </Paper>
      ) : null}

      {rateable ? (
        <Paper withBorder p="md" component="section" aria-labelledby="case-rating">
          <Title order={2} size="h4" id="case-rating" mb="sm">
            {t('rating.title')}
          </Title>
          <RatingSection detail={detail} />
        </Paper>
      ) : null}

      {detail.status !== 'closed' ? (
        <Paper withBorder p="md" component="section" aria-labelledby="case-reply">
          <Title order={2} size="h4" id="case-reply" mb="sm">
            {t('cases.view.replyTitle')}
          </Title>
          <ReplyForm reference={detail.reference} />
        </Paper>
      ) : null}
    </Stack>
  );
}
