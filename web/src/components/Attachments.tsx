/**
 * Attachments in forms and timelines: a multi-file picker that lists the chosen files with their
 * sizes, and download links for a case's files (the API checks who may download each one).
 */
import { Anchor, FileInput, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { AttachmentInfo } from '../api/types';
import { formatBytes } from '../format';

export function AttachmentInput({
  files,
  onChange,
  description,
  error,
}: {
  files: File[];
  onChange: (files: File[]) => void;
  description?: string;
  error?: string;
}) {
  const { t } = useTranslation();
  return (
    <FileInput
      label={t('fields.attachmentIds')}
      description={description}
      multiple
      clearable
      clearButtonProps={{ 'aria-label': t('common.clear') }}
      value={files}
      onChange={onChange}
      error={error}
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
  );
}

export function AttachmentLinks({
  reference,
  files,
}: {
  reference: string;
  files: AttachmentInfo[];
}) {
  if (files.length === 0) return null;
  return (
    <Stack gap={2} mt="xs">
      {files.map((file) => (
        <Text key={file.id} size="sm" style={{ overflowWrap: 'anywhere' }}>
          <Anchor
            href={`/api/v1/cases/${reference}/attachments/${file.id}`}
            download={file.fileName}
          >
            {file.fileName}
          </Anchor>{' '}
          ({formatBytes(file.sizeBytes)})
        </Text>
      ))}
    </Stack>
  );
}
