/**
 * Filing a complaint: service and category from the catalogue, urgency, title, description and
 * attachments. Each file is uploaded first (POST /attachments), then the case is created with
 * their ids, so a failed upload creates no case.
 */
import {
  Button,
  FileInput,
  Group,
  Paper,
  Select,
  Stack,
  Text,
  TextInput,
  Textarea,
  Title,
} from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { useQueryClient } from '@tanstack/react-query';
import { useMemo, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router';
import { api, ApiError } from '../api/client';
import type { AttachmentInfo, CaseDetail } from '../api/types';
import { localName, useCatalogue } from '../catalogue';
import { ErrorAlert } from '../components/ErrorAlert';
import { fieldLabel } from '../errors';
import { formatBytes } from '../format';
import { currentLanguage } from '../i18n';

type FieldName = 'serviceId' | 'categoryId' | 'urgency' | 'title' | 'description' | 'attachmentIds';
type FieldErrors = Partial<Record<FieldName, string>>;

/** Matches the API's limits on a new case (title 3–200 characters). */
const titleMin = 3;
const titleMax = 200;
const descriptionMax = 20_000;

export default function NewCasePage() {
  const { t } = useTranslation();
  useDocumentTitle(`${t('cases.create.title')} · ${t('app.name')}`);
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const catalogue = useCatalogue();
  const language = currentLanguage();

  const [serviceId, setServiceId] = useState<string | null>(params.get('service'));
  const [categoryId, setCategoryId] = useState<string | null>(null);
  const [urgency, setUrgency] = useState<string | null>('2');
  const [title, setTitle] = useState('');
  const [description, setDescription] = useState('');
  const [files, setFiles] = useState<File[]>([]);
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  const [error, setError] = useState<unknown>(null);
  const [progress, setProgress] = useState<string | null>(null);

  const services = catalogue.data?.items ?? [];
  const service = services.find((item) => item.id === serviceId) ?? null;
  const serviceOptions = useMemo(
    () => services.map((item) => ({ value: item.id, label: localName(item, language) })),
    [services, language],
  );
  const categoryOptions = (service?.categories ?? []).map((item) => ({
    value: item.id,
    label: localName(item, language),
  }));

  function validate(): FieldErrors {
    const found: FieldErrors = {};
    const trimmedTitle = title.trim();
    if (trimmedTitle.length < titleMin)
      found.title = t('validation.minLength', { count: titleMin });
    if (trimmedTitle.length > titleMax)
      found.title = t('validation.maxLength', { count: titleMax });
    if (description.trim() === '') found.description = t('validation.required');
    if (description.length > descriptionMax) {
      found.description = t('validation.maxLength', { count: descriptionMax });
    }
    return found;
  }

  async function handleSubmit(event: FormEvent) {
    event.preventDefault();
    setError(null);
    const found = validate();
    setFieldErrors(found);
    if (Object.keys(found).length > 0) return;

    try {
      const attachmentIds: string[] = [];
      for (const [index, file] of files.entries()) {
        setProgress(t('cases.create.uploading', { current: index + 1, total: files.length }));
        const form = new FormData();
        form.append('file', file, file.name);
        const uploaded = await api.post<AttachmentInfo>('/attachments', form);
        attachmentIds.push(uploaded.id);
      }
      setProgress(t('cases.create.sending'));
      const created = await api.post<CaseDetail>('/cases', {
        title: title.trim(),
        description: description.trim(),
        ...(service ? { serviceId: service.id } : {}),
        ...(categoryId ? { categoryId } : {}),
        ...(urgency ? { urgency: Number(urgency) } : {}),
        attachmentIds,
      });
      await queryClient.invalidateQueries({ queryKey: ['cases'] });
      queryClient.setQueryData(['case', created.reference], created);
      void navigate(`/cases/${created.reference}`, { state: { created: true } });
    } catch (caught) {
      if (caught instanceof ApiError) {
        const fromServer: FieldErrors = {};
        for (const issue of caught.issues) {
          const name = issue.field
            .split('.')
            .find((segment) =>
              [
                'serviceId',
                'categoryId',
                'urgency',
                'title',
                'description',
                'attachmentIds',
                'file',
              ].includes(segment),
            );
          if (name === 'file') fromServer.attachmentIds = fieldLabel(t, issue.field);
          else if (name) fromServer[name as FieldName] = t('validation.invalid');
        }
        setFieldErrors(fromServer);
      }
      setError(caught);
    } finally {
      setProgress(null);
    }
  }

  return (
    <Stack maw={720}>
      <Title order={1}>{t('cases.create.title')}</Title>
      <Text c="dimmed">{t('cases.create.intro')}</Text>
      <Paper withBorder p={{ base: 'sm', sm: 'lg' }}>
        <form onSubmit={(event) => void handleSubmit(event)} noValidate>
          <Stack>
            <ErrorAlert error={error} />
            <Select
              label={t('fields.serviceId')}
              placeholder={t('cases.create.servicePlaceholder')}
              data={serviceOptions}
              value={serviceId}
              onChange={(value) => {
                setServiceId(value);
                setCategoryId(null);
              }}
              error={fieldErrors.serviceId}
              clearable
              clearButtonProps={{ 'aria-label': t('common.clear') }}
              searchable
              disabled={catalogue.isPending}
              nothingFoundMessage={t('common.nothingFound')}
            />
            <Select
              label={t('fields.categoryId')}
              placeholder={
                service
                  ? t('cases.create.categoryPlaceholder')
                  : t('cases.create.chooseServiceFirst')
              }
              data={categoryOptions}
              value={categoryId}
              onChange={setCategoryId}
              error={fieldErrors.categoryId}
              disabled={!service || categoryOptions.length === 0}
              clearable
              clearButtonProps={{ 'aria-label': t('common.clear') }}
            />
            <Select
              label={t('fields.urgency')}
              description={t('cases.create.urgencyHelp')}
              data={[1, 2, 3].map((level) => ({
                value: String(level),
                label: t(`urgency.${level}`),
              }))}
              value={urgency}
              onChange={setUrgency}
              error={fieldErrors.urgency}
              allowDeselect={false}
            />
            <TextInput
              label={t('fields.title')}
              required
              maxLength={titleMax}
              value={title}
              onChange={(event) => setTitle(event.currentTarget.value)}
              error={fieldErrors.title}
            />
            <Textarea
              label={t('fields.description')}
              description={t('cases.create.descriptionHelp')}
              required
              autosize
              minRows={5}
              maxRows={15}
              value={description}
              onChange={(event) => setDescription(event.currentTarget.value)}
              error={fieldErrors.description}
            />
            <FileInput
              label={t('fields.attachmentIds')}
              description={t('cases.create.attachmentsHelp')}
              placeholder={t('cases.create.attachmentsPlaceholder')}
              multiple
              clearable
              clearButtonProps={{ 'aria-label': t('common.clear') }}
              value={files}
              onChange={setFiles}
              error={fieldErrors.attachmentIds}
              valueComponent={({ value }) => {
                let list: File[] = [];
                if (Array.isArray(value)) list = value;
                else if (value) list = [value];
                return (
                  <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
                    {list.map((file) => `${file.name} (${formatBytes(file.size)})`).join(', ')}
                  </Text>
                );
              }}
            />
            <Group justify="flex-end" gap="sm">
              {progress ? (
                <Text size="sm" role="status">
                  {progress}
                </Text>
              ) : null}
              <Button type="submit" loading={progress !== null}>
                {t('cases.create.submit')}
              </Button>
            </Group>
          </Stack>
        </form>
      </Paper>
    </Stack>
  );
}
