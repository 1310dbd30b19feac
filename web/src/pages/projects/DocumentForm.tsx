/** Attach a document to a project as a link: its kind, title and http(s) address. */
import { Button, Group, Select, Stack, TextInput } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ProjectDocumentKind } from '../../../../common/ict-project';
import { ErrorAlert } from '../../components/ErrorAlert';
import { fieldErrors } from './fieldError';
import { useProjectAction } from './useProjectAction';

interface Props {
  reference: string;
  /** Kinds offered, the first chosen at the start. */
  kinds: readonly ProjectDocumentKind[];
  /** Prefix of the element ids, unique on the page. */
  idPrefix: string;
}

// TODO: offer an uploaded file (POST /attachments, then fileId) as well as a link.
export function DocumentForm({ reference, kinds, idPrefix }: Props) {
  const { t } = useTranslation();
  const [kind, setKind] = useState<ProjectDocumentKind>(kinds[0] ?? 'studyReport');
  const [title, setTitle] = useState('');
  const [url, setUrl] = useState('');
  const attach = useProjectAction(reference, () => {
    setTitle('');
    setUrl('');
  });
  const issue = fieldErrors(t, attach.error);

  function submit(event: FormEvent) {
    event.preventDefault();
    attach.mutate({ path: 'documents', body: { kind, title, url: url || null } });
  }

  return (
    <form onSubmit={submit} noValidate>
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
        <Group grow align="flex-start" wrap="wrap" gap="xs">
          <TextInput
            label={t('projects.document.title')}
            value={title}
            onChange={(event) => setTitle(event.currentTarget.value)}
            required
            error={issue('title', 'documentTitle')}
            miw={180}
          />
          <TextInput
            type="url"
            label={t('projects.document.url')}
            placeholder="https://"
            value={url}
            onChange={(event) => setUrl(event.currentTarget.value)}
            required
            error={issue('url') ?? issue('fileId', 'url')}
            miw={180}
          />
        </Group>
        {attach.error && attach.error.issues.length === 0 ? (
          <ErrorAlert error={attach.error} />
        ) : null}
        <Group>
          <Button type="submit" variant="default" loading={attach.isPending}>
            {t('projects.document.attach')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
