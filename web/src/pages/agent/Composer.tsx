/**
 * The composer of the staff case page, in tabs: a public reply (maklum balas), an internal note
 * (nota dalaman) and a work log (catatan kerja) with minutes. Replies and notes take attachments,
 * which are uploaded first (POST /attachments) and then sent with the message.
 */
import { Button, Group, NumberInput, Stack, Tabs, Text, Textarea } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { AttachmentInput } from '../../components/Attachments';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useCaseAction, useUploads } from './data';
import type { CaseAction } from './permissions';

type Tab = 'reply' | 'note' | 'workLog';

/** The API's limit on one work log, in minutes (a day). */
const maxMinutes = 24 * 60;

function MessageForm({
  reference,
  kind,
}: {
  reference: string;
  kind: 'reply' | 'note' | 'workLog';
}) {
  const { t } = useTranslation();
  const action = useCaseAction(reference);
  const [body, setBody] = useState('');
  const [minutes, setMinutes] = useState<number | string>('');
  const [files, setFiles] = useState<File[]>([]);
  const [errors, setErrors] = useState<{ body?: string; minutes?: string }>({});
  const uploads = useUploads();
  const [sent, setSent] = useState(false);

  async function handleSubmit(event: FormEvent) {
    event.preventDefault();
    setSent(false);
    const found: typeof errors = {};
    if (body.trim() === '') found.body = t('validation.required');
    const minuteValue = typeof minutes === 'number' ? minutes : Number.NaN;
    if (
      kind === 'workLog' &&
      !(Number.isInteger(minuteValue) && minuteValue >= 1 && minuteValue <= maxMinutes)
    ) {
      found.minutes = t('agent.composer.minutesRange', { max: maxMinutes });
    }
    setErrors(found);
    if (Object.keys(found).length > 0) return;

    const attachmentIds = kind === 'workLog' ? [] : await uploads.upload(files);
    if (attachmentIds === null) return;
    const request =
      kind === 'workLog'
        ? { path: 'work-logs' as const, body: { minutes: minuteValue, body: body.trim() } }
        : {
            path: kind === 'reply' ? ('replies' as const) : ('notes' as const),
            body: { body: body.trim(), attachmentIds },
          };
    action.mutate(request, {
      onSuccess: () => {
        setBody('');
        setMinutes('');
        setFiles([]);
        setSent(true);
      },
    });
  }

  const labels = {
    reply: t('agent.composer.replyLabel'),
    note: t('agent.composer.noteLabel'),
    workLog: t('agent.composer.workLogLabel'),
  };
  const submits = {
    reply: t('agent.composer.sendReply'),
    note: t('agent.composer.saveNote'),
    workLog: t('agent.composer.saveWorkLog'),
  };

  return (
    <form onSubmit={(event) => void handleSubmit(event)} noValidate>
      <Stack gap="sm">
        <ErrorAlert error={uploads.error ?? action.error} />
        {kind === 'note' ? (
          <Text size="sm" c="dimmed">
            {t('agent.composer.noteHelp')}
          </Text>
        ) : null}
        {kind === 'workLog' ? (
          <NumberInput
            label={t('fields.minutes')}
            min={1}
            max={maxMinutes}
            allowDecimal={false}
            allowNegative={false}
            value={minutes}
            onChange={setMinutes}
            error={errors.minutes}
            required
            w={{ base: '100%', xs: 200 }}
          />
        ) : null}
        <Textarea
          label={labels[kind]}
          autosize
          minRows={3}
          maxRows={12}
          value={body}
          onChange={(event) => setBody(event.currentTarget.value)}
          onKeyDown={(event) => {
            if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
              event.currentTarget.form?.requestSubmit();
            }
          }}
          error={errors.body}
          required
        />
        {kind === 'workLog' ? null : <AttachmentInput files={files} onChange={setFiles} />}
        <Group justify="space-between" gap="sm">
          <Text size="sm" c="teal.9" role="status">
            {sent ? t('agent.composer.sent') : ''}
          </Text>
          <Button type="submit" loading={uploads.uploading || action.isPending}>
            {submits[kind]}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

export function Composer({ reference, allowed }: { reference: string; allowed: Set<CaseAction> }) {
  const { t } = useTranslation();
  const tabs: Tab[] = (['reply', 'note', 'workLog'] as const).filter((tab) => allowed.has(tab));
  const [tab, setTab] = useState<Tab | null>(tabs[0] ?? null);
  if (tabs.length === 0) return null;
  const current = tab && tabs.includes(tab) ? tab : tabs[0]!;
  return (
    <Tabs value={current} onChange={(value) => setTab(value as Tab | null)}>
      <Tabs.List>
        {tabs.map((name) => (
          <Tabs.Tab key={name} value={name}>
            {t(`agent.composer.tabs.${name}`)}
          </Tabs.Tab>
        ))}
      </Tabs.List>
      {tabs.map((name) => (
        <Tabs.Panel key={name} value={name} pt="sm">
          <MessageForm reference={reference} kind={name} />
        </Tabs.Panel>
      ))}
    </Tabs>
  );
}
