/**
 * The project settings (administrators): the value thresholds that choose a project's approval
 * authority, procurement method and performance security, the retention rates, the days each
 * procurement step may take, and the finance office's address. Rates show as percentages and
 * travel to the API as fractions.
 */
import {
  Button,
  Fieldset,
  Group,
  NumberInput,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { maxDeadlineDays } from '../../../../common/ict-project';
import { apiRequest, api, type ApiError } from '../../api/client';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageLoader } from '../../components/PageLoader';
import { formatDateTime } from '../../format';
import { fieldErrors } from './fieldError';
import { fromPercent, toPercent } from './format';
import type { ProjectSettings } from './types';

/** Every number of the form, by its path in the API body (such as approval.university). */
const amountFields = [
  'approval.university',
  'approval.kpt',
  'approval.mampu',
  'procurement.quotationAbove',
  'procurement.tenderAbove',
  'security.requiredAbove',
  'security.higherRateAbove',
] as const;
const rateFields = [
  'security.rate',
  'security.higherRate',
  'retention.rate',
  'retention.releasedAtCompletion',
] as const;
/** Procurement deadlines and the reminder lead, in whole days. */
const dayFields = [
  'deadlines.documents',
  'deadlines.evaluation',
  'deadlines.vendorAppointment',
  'deadlines.purchaseOrder',
  'deadlines.contract',
  'deadlines.reminderLead',
] as const;
type NumberField =
  (typeof amountFields)[number] | (typeof rateFields)[number] | (typeof dayFields)[number];
type Values = Record<NumberField, number | string>;

const numberFields: readonly NumberField[] = [...amountFields, ...rateFields, ...dayFields];
const groups = ['approval', 'procurement', 'security', 'retention', 'deadlines'] as const;

function read(settings: ProjectSettings, field: NumberField): number {
  const [group, key] = field.split('.') as [keyof ProjectSettings, string];
  return (settings[group] as Record<string, number>)[key] ?? 0;
}

function valuesOf(settings: ProjectSettings): Values {
  const values = {} as Values;
  for (const field of amountFields) values[field] = read(settings, field);
  for (const field of rateFields) values[field] = toPercent(read(settings, field));
  for (const field of dayFields) values[field] = read(settings, field);
  return values;
}

/** Builds the PUT body; an empty field goes as null so the API names it. */
function bodyOf(values: Values, financeEmail: string) {
  const body: Record<string, Record<string, number | null> | string | null> = {
    financeEmail: financeEmail.trim() === '' ? null : financeEmail,
  };
  for (const field of numberFields) {
    const [group, key] = field.split('.') as [string, string];
    const raw = values[field];
    const number = raw === '' ? null : Number(raw);
    const value =
      number === null
        ? null
        : (rateFields as readonly string[]).includes(field)
          ? fromPercent(number)
          : number;
    const existing = (body[group] as Record<string, number | null> | undefined) ?? {};
    body[group] = { ...existing, [key]: value };
  }
  return body;
}

export default function ProjectSettingsPage() {
  const { t } = useTranslation();
  useDocumentTitle(`${t('projects.settings.title')} · ${t('app.name')}`);
  const queryClient = useQueryClient();
  const settings = useQuery({
    queryKey: ['project-settings'],
    queryFn: () => api.get<ProjectSettings>('/project-settings'),
  });
  const [values, setValues] = useState<Values | null>(null);
  const [financeEmail, setFinanceEmail] = useState('');
  const [saved, setSaved] = useState(false);

  useEffect(() => {
    if (settings.data && values === null) {
      setValues(valuesOf(settings.data));
      setFinanceEmail(settings.data.financeEmail ?? '');
    }
  }, [settings.data, values]);

  const save = useMutation<ProjectSettings, ApiError>({
    mutationFn: () =>
      apiRequest<ProjectSettings>(
        'PUT',
        '/project-settings',
        bodyOf(values ?? ({} as Values), financeEmail),
      ),
    onSuccess: (stored) => {
      queryClient.setQueryData(['project-settings'], stored);
      setValues(valuesOf(stored));
      setSaved(true);
    },
  });
  const issue = fieldErrors(t, save.error);

  if (settings.isPending || (settings.isSuccess && values === null)) return <PageLoader />;
  if (settings.isError) return <ErrorAlert error={settings.error} />;
  if (!values) return null;

  function submit(event: FormEvent) {
    event.preventDefault();
    setSaved(false);
    save.mutate();
  }

  /** Returns the unit, range and error sentence of a field: days, a rate or an amount in RM. */
  const formatOf = (field: NumberField) => {
    if ((dayFields as readonly string[]).includes(field)) {
      return {
        min: 1,
        max: maxDeadlineDays,
        decimalScale: 0,
        suffix: ` ${t('projects.settings.days')}`,
        errorKey: 'projects.error.deadline',
      };
    }
    if ((rateFields as readonly string[]).includes(field)) {
      return { min: 0, max: 100, decimalScale: 3, suffix: ' %', errorKey: 'projects.error.rate' };
    }
    return {
      min: 0,
      decimalScale: 2,
      thousandSeparator: ',',
      prefix: 'RM ',
      errorKey: 'projects.error.threshold',
    };
  };

  const input = (field: NumberField) => {
    const { errorKey, ...format } = formatOf(field);
    return (
      <NumberInput
        key={field}
        label={t(`projects.settings.field.${field}`)}
        value={values[field]}
        onChange={(value) => setValues({ ...values, [field]: value })}
        {...format}
        required
        error={issue(field) ? t(errorKey) : undefined}
      />
    );
  };

  return (
    <Stack maw={760}>
      <Title order={1}>{t('projects.settings.title')}</Title>
      <Text>{t('projects.settings.help')}</Text>
      {settings.data.updatedAt ? (
        <Text size="sm" c="dimmed">
          {t('projects.settings.updated', {
            at: formatDateTime(settings.data.updatedAt),
            by: settings.data.updatedBy?.name ?? '—',
          })}
        </Text>
      ) : null}
      <form onSubmit={submit} noValidate>
        <Stack>
          {groups.map((group) => (
            <Fieldset key={group} legend={t(`projects.settings.group.${group}`)}>
              <SimpleGrid cols={{ base: 1, xs: 2, sm: 3 }} spacing="sm">
                {numberFields.filter((field) => field.startsWith(`${group}.`)).map(input)}
              </SimpleGrid>
            </Fieldset>
          ))}
          <TextInput
            type="email"
            label={t('projects.settings.financeEmail')}
            description={t('projects.settings.financeEmailHelp')}
            value={financeEmail}
            onChange={(event) => setFinanceEmail(event.currentTarget.value)}
            error={issue('financeEmail', 'email')}
          />
          {save.error && save.error.issues.length === 0 ? <ErrorAlert error={save.error} /> : null}
          {saved ? (
            <Text role="status" c="teal.9">
              {t('projects.settings.saved')}
            </Text>
          ) : null}
          <Group>
            <Button type="submit" loading={save.isPending}>
              {t('projects.settings.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Stack>
  );
}
