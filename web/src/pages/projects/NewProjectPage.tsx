/**
 * Raise an ICT need (keperluan ICT): the variant, what is needed, its estimated value, whether it
 * needs procurement, and the performance security and defects-liability period its contract takes.
 */
import {
  Button,
  NumberInput,
  Select,
  Stack,
  Switch,
  TextInput,
  Textarea,
  Title,
} from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import {
  projectVariants,
  securityKinds,
  type ProjectVariant,
  type SecurityKind,
} from '../../../../common/ict-project';
import { api, type ApiError } from '../../api/client';
import { ErrorAlert } from '../../components/ErrorAlert';
import { fieldErrors } from './fieldError';
import type { ProjectDetail } from './types';

/** Turns a NumberInput value into a number for the API, keeping an empty field invalid. */
function toNumber(value: number | string): number | null {
  if (value === '') return null;
  const number = Number(value);
  return Number.isFinite(number) ? number : null;
}

export default function NewProjectPage() {
  const { t } = useTranslation();
  useDocumentTitle(`${t('projects.new.title')} · ${t('app.name')}`);
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [variant, setVariant] = useState<ProjectVariant>('applicationProject');
  const [title, setTitle] = useState('');
  const [description, setDescription] = useState('');
  const [estimatedValue, setEstimatedValue] = useState<number | string>('');
  const [procurementNeeded, setProcurementNeeded] = useState(true);
  const [securityKind, setSecurityKind] = useState<SecurityKind>('bond');
  const [defectsLiabilityDays, setDefectsLiabilityDays] = useState<number | string>(365);

  const raise = useMutation<ProjectDetail, ApiError>({
    mutationFn: () =>
      api.post<ProjectDetail>('/projects', {
        variant,
        title,
        description,
        estimatedValue: toNumber(estimatedValue),
        procurementNeeded,
        securityKind,
        defectsLiabilityDays: toNumber(defectsLiabilityDays),
      }),
    onSuccess: (project) => {
      void queryClient.invalidateQueries({ queryKey: ['projects', 'list'] });
      queryClient.setQueryData(['project', project.reference], project);
      void navigate(`/projects/${project.reference}`);
    },
  });
  const issue = fieldErrors(t, raise.error);

  function submit(event: FormEvent) {
    event.preventDefault();
    raise.mutate();
  }

  return (
    <Stack maw={620}>
      <Title order={1}>{t('projects.new.title')}</Title>
      <form onSubmit={submit} noValidate>
        <Stack>
          <Select
            label={t('projects.field.variant')}
            description={t('projects.new.variantHelp')}
            data={projectVariants.map((value) => ({
              value,
              label: t(`projects.variant.${value}`),
            }))}
            value={variant}
            onChange={(value) => value && setVariant(value)}
            allowDeselect={false}
            required
            error={issue('variant')}
          />
          <TextInput
            label={t('projects.field.title')}
            value={title}
            onChange={(event) => setTitle(event.currentTarget.value)}
            required
            error={issue('title')}
          />
          <Textarea
            label={t('projects.field.description')}
            value={description}
            onChange={(event) => setDescription(event.currentTarget.value)}
            autosize
            minRows={3}
            required
            error={issue('description')}
          />
          <NumberInput
            label={t('projects.field.estimatedValue')}
            description={t('projects.new.valueHelp')}
            value={estimatedValue}
            onChange={setEstimatedValue}
            min={0}
            decimalScale={2}
            thousandSeparator=","
            prefix="RM "
            required
            error={issue('estimatedValue')}
          />
          <Switch
            label={t('projects.field.procurementNeeded')}
            checked={procurementNeeded}
            onChange={(event) => setProcurementNeeded(event.currentTarget.checked)}
            error={issue('procurementNeeded')}
          />
          <Select
            label={t('projects.field.securityKind')}
            description={t('projects.new.securityHelp')}
            data={securityKinds.map((value) => ({
              value,
              label: t(`projects.security.${value}`),
            }))}
            value={securityKind}
            onChange={(value) => value && setSecurityKind(value)}
            allowDeselect={false}
            error={issue('securityKind')}
          />
          <NumberInput
            label={t('projects.field.defectsLiabilityDays')}
            value={defectsLiabilityDays}
            onChange={setDefectsLiabilityDays}
            min={0}
            allowDecimal={false}
            error={issue('defectsLiabilityDays')}
          />
          {raise.error && raise.error.code !== 'validation_failed' ? (
            <ErrorAlert error={raise.error} />
          ) : null}
          <Button type="submit" loading={raise.isPending}>
            {t('projects.new.submit')}
          </Button>
        </Stack>
      </form>
    </Stack>
  );
}
