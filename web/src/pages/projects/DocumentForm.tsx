/**
 * Attach a document to a project: its kind, title and either an http(s) address or a file, which
 * is uploaded first (POST /attachments) and then named by its id.
 */
import {
  Button,
  FileInput,
  Group,
  SegmentedControl,
  Select,
  Stack,
  TextInput,
} from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ProjectDocumentKind } from '../../../../common/ict-project';
import { api } from '../../api/client';
import type { AttachmentInfo } from '../../api/types';
import { ErrorAlert } from '../../components/ErrorAlert';
import { formatBytes } from '../../format';
import { fieldErrors } from './fieldError';
import { useProjectAction } from './useProjectAction';

interface Props {
  reference: string;
  /** Kinds offered, the first chosen at the start. */
  kinds: readonly ProjectDocumentKind[];
  /** Prefix of the element ids, unique on the page. */
  idPrefix: string;
}

type Source = 'link' | 'file';

export function DocumentForm({ reference, kinds, idPrefix }: Props) {
  const { t } = useTranslation();
  const [kind, setKind] = useState<ProjectDocumentKind>(kinds[0] ?? 'studyReport');
  const [title, setTitle] = useState('');
  const [source, setSource] = useState<Source>('link');
  const [url, setUrl] = useState('');
  const [file, setFile] = useState<File | null>(null);
  const [fileMissing, setFileMissing] = useState(false);
  const [uploading, setUploading] = useState(false);
  const [uploadError, setUploadError] = useState<unknown>(null);
  const attach = useProjectAction(reference, () => {
    setTitle('');
    setUrl('');
    setFile(null);
  });
  const issue = fieldErrors(t, attach.error);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setUploadError(null);
    if (source === 'link') {
      attach.mutate({ path: 'documents', body: { kind, title, url: url || null } });
      return;
    }

    setFileMissing(file === null);
    if (!file) return;
    setUploading(true);
    try {
      const form = new FormData();
      form.append('file', file, file.name);
      const uploaded = await api.post<AttachmentInfo>('/attachments', form);
      attach.mutate({ path: 'documents', body: { kind, title, url: null, fileId: uploaded.id } });
    } catch (error) {
      setUploadError(error);
    } finally {
      setUploading(false);
    }
  }

  return (
    <form onSubmit={(event) => void submit(event)} noValidate>
      <Stack gap="xs">
        <Select
          id={`${idPrefix}-kind`}
          label={t('projects.document.kind')}
          data={kinds.map((value) => ({ value, label: t(`projects.documentKind.${value}`) }))}
          value={kind}
          onChange={(value) => value && setKind(value)}
          allowDeselect={false}
          error={issue('kind')}
        />
        <TextInput
          label={t('projects.document.title')}
          value={title}
          onChange={(event) => setTitle(event.currentTarget.value)}
          required
          error={issue('title', 'documentTitle')}
        />
        <SegmentedControl
          aria-label={t('projects.document.source')}
          value={source}
          onChange={(value) => setSource(value)}
          data={[
            { value: 'link', label: t('projects.document.sourceLink') },
            { value: 'file', label: t('projects.document.sourceFile') },
          ]}
        />
        {source === 'link' ? (
          <TextInput
            type="url"
            label={t('projects.document.url')}
            placeholder="https://"
            value={url}
            onChange={(event) => setUrl(event.currentTarget.value)}
            required
            error={issue('url') ?? issue('fileId', 'url')}
          />
        ) : (
          <FileInput
            label={t('projects.document.file')}
            value={file}
            onChange={(chosen) => {
              setFile(chosen);
              setFileMissing(false);
            }}
            clearable
            clearButtonProps={{ 'aria-label': t('common.clear') }}
            required
            error={fileMissing ? t('projects.error.fileMissing') : issue('fileId', 'fileId')}
            valueComponent={({ value }) =>
              value instanceof File ? `${value.name} (${formatBytes(value.size)})` : null
            }
          />
        )}
        {uploadError ? <ErrorAlert error={uploadError} /> : null}
        {attach.error && attach.error.issues.length === 0 ? (
          <ErrorAlert error={attach.error} />
        ) : null}
        <Group>
          <Button type="submit" variant="default" loading={uploading || attach.isPending}>
            {t('projects.document.attach')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
