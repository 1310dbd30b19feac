/** The administrator's form for a new survey: its names, who gets it, and its questions. */
import {
  ActionIcon,
  Button,
  Card,
  Checkbox,
  Group,
  NumberInput,
  Select,
  SimpleGrid,
  Stack,
  TextInput,
  Title,
} from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { ErrorAlert } from '../../components/ErrorAlert';
import type { Survey, SurveyQuestion } from './types';

interface QuestionDraft {
  kind: SurveyQuestion['kind'];
  textMs: string;
  textEn: string;
  required: boolean;
  /** Choice options separated by ';', each as "value | Malay label | English label". */
  options: string;
}

function parseOptions(options: string) {
  return options
    .split(';')
    .map((line) => line.split('|').map((part) => part.trim()))
    .filter((parts) => parts[0])
    .map(([value = '', labelMs = '', labelEn = '']) => ({
      value,
      labelMs: labelMs || value,
      labelEn: labelEn || labelMs || value,
    }));
}

const emptyQuestion: QuestionDraft = {
  kind: 'scale',
  textMs: '',
  textEn: '',
  required: true,
  options: '',
};

export function NewSurveyForm({ onDone }: { onDone: (created: Survey | null) => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [code, setCode] = useState('');
  const [nameMs, setNameMs] = useState('');
  const [nameEn, setNameEn] = useState('');
  const [samplingPercent, setSamplingPercent] = useState<number>(100);
  const [reminderAfterHours, setReminderAfterHours] = useState<number>(72);
  const [validDays, setValidDays] = useState<number>(14);
  const [questions, setQuestions] = useState<QuestionDraft[]>([{ ...emptyQuestion }]);

  const create = useMutation({
    mutationFn: () =>
      api.post<Survey>('/surveys', {
        code,
        nameMs,
        nameEn,
        samplingPercent,
        reminderAfterHours,
        validDays,
        questions: questions.map((question, index) => ({
          id: `q${index + 1}`,
          kind: question.kind,
          textMs: question.textMs,
          textEn: question.textEn,
          required: question.required,
          options: question.kind === 'choice' ? parseOptions(question.options) : [],
        })),
      }),
    onSuccess: async (created) => {
      await queryClient.invalidateQueries({ queryKey: ['surveys'] });
      onDone(created);
    },
  });

  function update(index: number, change: Partial<QuestionDraft>) {
    setQuestions((previous) =>
      previous.map((question, at) => (at === index ? { ...question, ...change } : question)),
    );
  }

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    create.mutate();
  }

  return (
    <Card withBorder component="form" onSubmit={onSubmit} noValidate>
      <Stack>
        <Title order={2}>{t('surveys.admin.new')}</Title>
        <SimpleGrid cols={{ base: 1, sm: 3 }}>
          <TextInput
            label={t('surveys.admin.code')}
            value={code}
            onChange={(event) => setCode(event.currentTarget.value.toUpperCase())}
            required
          />
          <TextInput
            label={t('surveys.admin.nameMs')}
            value={nameMs}
            onChange={(event) => setNameMs(event.currentTarget.value)}
            required
          />
          <TextInput
            label={t('surveys.admin.nameEn')}
            value={nameEn}
            onChange={(event) => setNameEn(event.currentTarget.value)}
            required
          />
          <NumberInput
            label={t('surveys.admin.sampling')}
            value={samplingPercent}
            onChange={(value) => setSamplingPercent(Number(value))}
            min={0}
            max={100}
            suffix=" %"
          />
          <NumberInput
            label={t('surveys.admin.reminderHours')}
            value={reminderAfterHours}
            onChange={(value) => setReminderAfterHours(Number(value))}
            min={1}
            max={720}
          />
          <NumberInput
            label={t('surveys.admin.validDays')}
            value={validDays}
            onChange={(value) => setValidDays(Number(value))}
            min={1}
            max={90}
          />
        </SimpleGrid>
        {questions.map((question, index) => (
          <Card key={index} withBorder padding="sm">
            <Stack gap="xs">
              <Group justify="space-between">
                <Title order={3} size="h5">
                  {t('surveys.admin.question', { number: index + 1 })}
                </Title>
                <ActionIcon
                  variant="subtle"
                  color="red"
                  aria-label={t('surveys.admin.removeQuestion', { number: index + 1 })}
                  disabled={questions.length === 1}
                  onClick={() =>
                    setQuestions((previous) => previous.filter((_, at) => at !== index))
                  }
                >
                  ×
                </ActionIcon>
              </Group>
              <SimpleGrid cols={{ base: 1, sm: 2 }}>
                <Select
                  label={t('surveys.admin.kind')}
                  value={question.kind}
                  allowDeselect={false}
                  onChange={(value) => update(index, { kind: value ?? 'scale' })}
                  data={(['scale', 'choice', 'text'] as const).map((kind) => ({
                    value: kind,
                    label: t(`surveys.admin.kinds.${kind}`),
                  }))}
                />
                <Checkbox
                  mt="lg"
                  label={t('surveys.admin.required')}
                  checked={question.required}
                  onChange={(event) => update(index, { required: event.currentTarget.checked })}
                />
                <TextInput
                  label={t('surveys.admin.textMs')}
                  value={question.textMs}
                  onChange={(event) => update(index, { textMs: event.currentTarget.value })}
                  required
                />
                <TextInput
                  label={t('surveys.admin.textEn')}
                  value={question.textEn}
                  onChange={(event) => update(index, { textEn: event.currentTarget.value })}
                  required
                />
              </SimpleGrid>
              {question.kind === 'choice' ? (
                <TextInput
                  label={t('surveys.admin.options')}
                  description={t('surveys.admin.optionsHelp')}
                  value={question.options}
                  onChange={(event) => update(index, { options: event.currentTarget.value })}
                />
              ) : null}
            </Stack>
          </Card>
        ))}
        <Group>
          <Button
            variant="default"
            onClick={() => setQuestions((previous) => [...previous, { ...emptyQuestion }])}
          >
            {t('surveys.admin.addQuestion')}
          </Button>
        </Group>
        <ErrorAlert error={create.error} />
        <Group>
          <Button type="submit" loading={create.isPending}>
            {t('surveys.admin.create')}
          </Button>
          <Button variant="subtle" onClick={() => onDone(null)}>
            {t('surveys.admin.cancel')}
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}
