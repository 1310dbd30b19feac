/**
 * The form that adds or changes a mailbox. The IMAP password is write-only: the API reports only
 * whether one is set, and a blank field keeps the stored one. A new mailbox's inbound token is
 * shown once, right after it is created.
 */
import {
  Alert,
  Button,
  Code,
  CopyButton,
  Group,
  Modal,
  NumberInput,
  PasswordInput,
  Select,
  SimpleGrid,
  Stack,
  Switch,
  TagsInput,
  Text,
  TextInput,
} from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { unknownDomainPolicies, type UnknownDomainPolicy } from '../../../../../common/mail';
import { api, apiRequest, ApiError } from '../../../api/client';
import { localName, useCatalogue } from '../../../catalogue';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { currentLanguage } from '../../../i18n';
import { useAllUnits } from '../useUnits';
import { mailboxesQueryKey, type Mailbox, type MailboxCreated } from './shared';

interface FormValues {
  name: string;
  address: string;
  imapHost: string;
  imapPort: number;
  imapSecure: boolean;
  imapUser: string;
  imapPassword: string;
  imapFolder: string;
  processedFolder: string;
  defaultUnitId: string | null;
  defaultCategoryId: string | null;
  knownDomains: string[];
  unknownDomainPolicy: UnknownDomainPolicy;
  senderHourlyLimit: number;
  pollSeconds: number;
  active: boolean;
}

function initialValues(mailbox: Mailbox | null): FormValues {
  return {
    name: mailbox?.name ?? '',
    address: mailbox?.address ?? '',
    imapHost: mailbox?.imapHost ?? '',
    imapPort: mailbox?.imapPort ?? 993,
    imapSecure: mailbox?.imapSecure ?? true,
    imapUser: mailbox?.imapUser ?? '',
    imapPassword: '',
    imapFolder: mailbox?.imapFolder ?? 'INBOX',
    processedFolder: mailbox?.processedFolder ?? '',
    defaultUnitId: mailbox?.defaultUnitId ?? null,
    defaultCategoryId: mailbox?.defaultCategoryId ?? null,
    knownDomains: mailbox?.knownDomains ?? [],
    unknownDomainPolicy: mailbox?.unknownDomainPolicy ?? 'accept_unverified',
    senderHourlyLimit: mailbox?.senderHourlyLimit ?? 20,
    pollSeconds: mailbox?.pollSeconds ?? 60,
    active: mailbox?.active ?? true,
  };
}

/** Empty optional text becomes null, which the API stores as "not set". */
function optionalText(value: string): string | null {
  const trimmed = value.trim();
  return trimmed === '' ? null : trimmed;
}

/** Builds the request body, with the address only on create and the password only when typed. */
function requestBody(values: FormValues, creating: boolean): Record<string, unknown> {
  const body: Record<string, unknown> = {
    name: values.name.trim(),
    imapHost: optionalText(values.imapHost),
    imapPort: values.imapPort,
    imapSecure: values.imapSecure,
    imapUser: optionalText(values.imapUser),
    imapFolder: values.imapFolder.trim(),
    processedFolder: optionalText(values.processedFolder),
    defaultUnitId: values.defaultUnitId,
    defaultCategoryId: values.defaultCategoryId,
    knownDomains: values.knownDomains,
    unknownDomainPolicy: values.unknownDomainPolicy,
    senderHourlyLimit: values.senderHourlyLimit,
    pollSeconds: values.pollSeconds,
    active: values.active,
  };
  if (creating) body.address = values.address.trim();
  if (values.imapPassword !== '') body.imapPassword = values.imapPassword;
  return body;
}

export function MailboxModal({
  mailbox,
  onClose,
}: {
  mailbox: Mailbox | null;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [values, setValues] = useState(() => initialValues(mailbox));
  const [token, setToken] = useState<string | null>(null);
  const creating = mailbox === null;

  const set = <Key extends keyof FormValues>(key: Key, value: FormValues[Key]) =>
    setValues((previous) => ({ ...previous, [key]: value }));

  const save = useMutation({
    mutationFn: async () => {
      const body = requestBody(values, creating);
      if (creating) return api.post<MailboxCreated>('/channels/email/mailboxes', body);
      await apiRequest<Mailbox>('PATCH', `/channels/email/mailboxes/${mailbox.id}`, body);
      return null;
    },
    onSuccess: async (created) => {
      await queryClient.invalidateQueries({ queryKey: mailboxesQueryKey });
      if (created) setToken(created.inboundToken);
      else onClose();
    },
  });

  /** Returns the error shown under a field's input when the API rejected that field. */
  const fieldError = (name: keyof FormValues) => {
    if (!(save.error instanceof ApiError)) return undefined;
    const issue = save.error.issues.find((item) => item.field.split('.')[1] === name);
    return issue ? t('mail.form.invalid') : undefined;
  };

  function submit(event: FormEvent) {
    event.preventDefault();
    save.mutate();
  }

  const title = creating
    ? t('mail.form.createTitle')
    : t('mail.form.editTitle', { name: mailbox.name });

  return (
    <Modal
      opened
      onClose={onClose}
      title={title}
      size="lg"
      closeButtonProps={{ 'aria-label': t('admin.common.close') }}
    >
      {token ? (
        <TokenNotice token={token} onClose={onClose} />
      ) : (
        <form onSubmit={submit} noValidate>
          <Stack>
            <ErrorAlert error={save.error} />
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <TextInput
                label={t('mail.form.name')}
                value={values.name}
                onChange={(event) => set('name', event.currentTarget.value)}
                error={fieldError('name')}
                required
              />
              <TextInput
                label={t('mail.form.address')}
                description={creating ? undefined : t('mail.form.addressFixed')}
                type="email"
                value={values.address}
                onChange={(event) => set('address', event.currentTarget.value)}
                error={fieldError('address')}
                disabled={!creating}
                required
              />
            </SimpleGrid>
            <ImapFields values={values} set={set} mailbox={mailbox} fieldError={fieldError} />
            <IntakeFields values={values} set={set} fieldError={fieldError} />
            <Switch
              label={t('admin.common.active')}
              checked={values.active}
              onChange={(event) => set('active', event.currentTarget.checked)}
            />
            <Group justify="flex-end">
              <Button variant="default" onClick={onClose}>
                {t('admin.common.cancel')}
              </Button>
              <Button type="submit" loading={save.isPending}>
                {t('admin.common.save')}
              </Button>
            </Group>
          </Stack>
        </form>
      )}
    </Modal>
  );
}

type Setter = <Key extends keyof FormValues>(key: Key, value: FormValues[Key]) => void;
type FieldError = (name: keyof FormValues) => string | undefined;

function ImapFields({
  values,
  set,
  mailbox,
  fieldError,
}: {
  values: FormValues;
  set: Setter;
  mailbox: Mailbox | null;
  fieldError: FieldError;
}) {
  const { t } = useTranslation();
  return (
    <Stack gap="sm" component="fieldset" style={{ border: 0, padding: 0, margin: 0 }}>
      <Text component="legend" fw={600}>
        {t('mail.form.imapLegend')}
      </Text>
      <Text size="sm" c="dimmed">
        {t('mail.form.imapHint')}
      </Text>
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <TextInput
          label={t('mail.form.imapHost')}
          value={values.imapHost}
          onChange={(event) => set('imapHost', event.currentTarget.value)}
          error={fieldError('imapHost')}
        />
        <NumberInput
          label={t('mail.form.imapPort')}
          value={values.imapPort}
          onChange={(value) => set('imapPort', typeof value === 'number' ? value : 993)}
          min={1}
          max={65535}
          allowDecimal={false}
          error={fieldError('imapPort')}
        />
        <TextInput
          label={t('mail.form.imapUser')}
          value={values.imapUser}
          onChange={(event) => set('imapUser', event.currentTarget.value)}
          error={fieldError('imapUser')}
          autoComplete="off"
        />
        <PasswordInput
          label={t('mail.form.imapPassword')}
          description={
            mailbox?.imapPasswordSet ? t('mail.form.passwordKept') : t('mail.form.passwordNotSet')
          }
          value={values.imapPassword}
          onChange={(event) => set('imapPassword', event.currentTarget.value)}
          error={fieldError('imapPassword')}
          autoComplete="new-password"
        />
        <TextInput
          label={t('mail.form.imapFolder')}
          value={values.imapFolder}
          onChange={(event) => set('imapFolder', event.currentTarget.value)}
          error={fieldError('imapFolder')}
        />
        <TextInput
          label={t('mail.form.processedFolder')}
          description={t('mail.form.processedFolderHint')}
          value={values.processedFolder}
          onChange={(event) => set('processedFolder', event.currentTarget.value)}
          error={fieldError('processedFolder')}
        />
      </SimpleGrid>
      <Switch
        label={t('mail.form.imapSecure')}
        checked={values.imapSecure}
        onChange={(event) => set('imapSecure', event.currentTarget.checked)}
      />
    </Stack>
  );
}

function IntakeFields({
  values,
  set,
  fieldError,
}: {
  values: FormValues;
  set: Setter;
  fieldError: FieldError;
}) {
  const { t } = useTranslation();
  const language = currentLanguage();
  const units = useAllUnits();
  const catalogue = useCatalogue();
  const unitOptions =
    units.data?.items.map((unit) => ({
      value: unit.id,
      label: `${unit.code} · ${localName(unit, language)}`,
    })) ?? [];
  const categoryOptions =
    catalogue.data?.items.map((service) => ({
      group: localName(service, language),
      items: service.categories.map((category) => ({
        value: category.id,
        label: localName(category, language),
      })),
    })) ?? [];

  return (
    <Stack gap="sm" component="fieldset" style={{ border: 0, padding: 0, margin: 0 }}>
      <Text component="legend" fw={600}>
        {t('mail.form.intakeLegend')}
      </Text>
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <Select
          label={t('mail.form.defaultUnit')}
          placeholder={t('admin.common.none')}
          data={unitOptions}
          value={values.defaultUnitId}
          onChange={(value) => set('defaultUnitId', value)}
          error={fieldError('defaultUnitId')}
          searchable
          clearable
          clearButtonProps={{ 'aria-label': t('common.clear') }}
        />
        <Select
          label={t('mail.form.defaultCategory')}
          placeholder={t('admin.common.none')}
          data={categoryOptions}
          value={values.defaultCategoryId}
          onChange={(value) => set('defaultCategoryId', value)}
          error={fieldError('defaultCategoryId')}
          searchable
          clearable
          clearButtonProps={{ 'aria-label': t('common.clear') }}
        />
      </SimpleGrid>
      <TagsInput
        label={t('mail.form.knownDomains')}
        description={t('mail.form.knownDomainsHint')}
        value={values.knownDomains}
        onChange={(value) => set('knownDomains', value)}
        error={fieldError('knownDomains')}
        splitChars={[',', ' ']}
      />
      <Select
        label={t('mail.form.unknownDomainPolicy')}
        description={t(`mail.policyHints.${values.unknownDomainPolicy}`)}
        data={unknownDomainPolicies.map((policy) => ({
          value: policy,
          label: t(`mail.policies.${policy}`),
        }))}
        value={values.unknownDomainPolicy}
        onChange={(value) => {
          if (value) set('unknownDomainPolicy', value);
        }}
        allowDeselect={false}
      />
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <NumberInput
          label={t('mail.form.senderHourlyLimit')}
          description={t('mail.form.senderHourlyLimitHint')}
          value={values.senderHourlyLimit}
          onChange={(value) => set('senderHourlyLimit', typeof value === 'number' ? value : 20)}
          min={1}
          max={10000}
          allowDecimal={false}
          error={fieldError('senderHourlyLimit')}
        />
        <NumberInput
          label={t('mail.form.pollSeconds')}
          description={t('mail.form.pollSecondsHint')}
          value={values.pollSeconds}
          onChange={(value) => set('pollSeconds', typeof value === 'number' ? value : 60)}
          min={15}
          max={86400}
          allowDecimal={false}
          error={fieldError('pollSeconds')}
        />
      </SimpleGrid>
    </Stack>
  );
}

function TokenNotice({ token, onClose }: { token: string; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <Stack>
      <Alert color="teal" variant="light" title={t('mail.form.created')}>
        {t('mail.form.tokenOnce')}
      </Alert>
      <Code block style={{ overflowWrap: 'anywhere', whiteSpace: 'pre-wrap' }} data-testid="token">
        {token}
      </Code>
      <Group justify="flex-end">
        <CopyButton value={token}>
          {({ copied, copy }) => (
            <Button variant="default" onClick={copy}>
              {copied ? t('mail.form.copied') : t('mail.form.copyToken')}
            </Button>
          )}
        </CopyButton>
        <Button onClick={onClose}>{t('admin.common.close')}</Button>
      </Group>
    </Stack>
  );
}
