/** The survey link sent after a resolution: answer the questions once, without signing in. */
import { Alert, Button, Group, Paper, Radio, Stack, Text, Textarea, Title } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { api, ApiError } from '../../api/client';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageLoader } from '../../components/PageLoader';
import { hasCode } from '../../errors';
import { localText, type PublicSurvey, type SurveyQuestion } from './types';

type Values = Record<string, string>;

interface Answer {
  questionId: string;
  score?: number;
  choice?: string;
  text?: string;
}

/** Builds the request body: scores as numbers, empty answers left out. */
function toAnswers(questions: SurveyQuestion[], values: Values): Answer[] {
  return questions.flatMap((question): Answer[] => {
    const value = (values[question.id] ?? '').trim();
    if (value === '') return [];
    if (question.kind === 'scale') return [{ questionId: question.id, score: Number(value) }];
    if (question.kind === 'choice') return [{ questionId: question.id, choice: value }];
    return [{ questionId: question.id, text: value }];
  });
}

/** Maps the API's `answers.<question id>` issues to the questions they name. */
function questionErrors(error: unknown): Record<string, string> {
  if (!(error instanceof ApiError)) return {};
  const found: Record<string, string> = {};
  for (const issue of error.issues) {
    const match = /^answers\.(.+)$/.exec(issue.field);
    if (match?.[1]) found[match[1]] = issue.message;
  }
  return found;
}

function QuestionField({
  question,
  value,
  error,
  onChange,
}: {
  question: SurveyQuestion;
  value: string;
  error: string | undefined;
  onChange: (value: string) => void;
}) {
  const { t, i18n } = useTranslation();
  const label = localText(i18n.language, question.textMs, question.textEn);
  // Mantine's default error red is 3.3:1 on white, so the message takes the darker shade 9.
  const message = error ? (
    <Text span c="red.9" size="sm">
      {t('surveys.form.invalidAnswer')}
    </Text>
  ) : undefined;
  if (question.kind === 'text') {
    return (
      <Textarea
        label={label}
        required={question.required}
        value={value}
        onChange={(event) => onChange(event.currentTarget.value)}
        error={message}
        autosize
        minRows={3}
        maxLength={2000}
      />
    );
  }
  const options =
    question.kind === 'scale'
      ? [1, 2, 3, 4, 5].map((score) => ({
          value: String(score),
          label: t(`surveys.form.scale.${score}`),
        }))
      : question.options.map((option) => ({
          value: option.value,
          label: localText(i18n.language, option.labelMs, option.labelEn),
        }));
  return (
    <Radio.Group
      label={label}
      required={question.required}
      value={value}
      onChange={onChange}
      error={message}
    >
      <Group mt="xs" gap="md">
        {options.map((option) => (
          <Radio key={option.value} value={option.value} label={option.label} />
        ))}
      </Group>
    </Radio.Group>
  );
}

export default function SurveyFormPage() {
  const { t, i18n } = useTranslation();
  useDocumentTitle(`${t('surveys.form.title')} · ${t('app.name')}`);
  const { token = '' } = useParams();
  const path = `/surveys/respond/${encodeURIComponent(token)}`;
  const [values, setValues] = useState<Values>({});

  const survey = useQuery({
    queryKey: ['survey-link', token],
    queryFn: () => api.get<PublicSurvey>(path),
  });
  const submit = useMutation({
    mutationFn: (questions: SurveyQuestion[]) =>
      api.post<null>(path, { answers: toAnswers(questions, values) }),
  });

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    if (survey.data) submit.mutate(survey.data.questions);
  }

  let content;
  if (survey.isPending) {
    content = <PageLoader />;
  } else if (hasCode(survey.error, 'not_found', 'validation_failed')) {
    content = (
      <Alert color="red" role="alert">
        {t('surveys.form.linkInvalid')}
      </Alert>
    );
  } else if (survey.isError) {
    content = <ErrorAlert error={survey.error} />;
  } else if (submit.isSuccess || survey.data.answered) {
    content = (
      <Alert color="teal" role="status" title={t('surveys.form.thanksTitle')}>
        {t('surveys.form.thanks')}
      </Alert>
    );
  } else if (survey.data.expired || hasCode(submit.error, 'survey_closed')) {
    content = (
      <Alert color="orange" role="alert">
        {t('surveys.form.closed')}
      </Alert>
    );
  } else {
    const errors = questionErrors(submit.error);
    content = (
      <form onSubmit={onSubmit} noValidate>
        <Stack>
          {survey.data.questions.map((question) => (
            <QuestionField
              key={question.id}
              question={question}
              value={values[question.id] ?? ''}
              error={errors[question.id]}
              onChange={(value) => setValues((previous) => ({ ...previous, [question.id]: value }))}
            />
          ))}
          {submit.isError && !hasCode(submit.error, 'validation_failed') ? (
            <ErrorAlert error={submit.error} />
          ) : null}
          <Group>
            <Button type="submit" loading={submit.isPending}>
              {t('surveys.form.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    );
  }

  return (
    <Stack mt="lg">
      <Title order={1}>
        {survey.data
          ? localText(i18n.language, survey.data.nameMs, survey.data.nameEn)
          : t('surveys.form.title')}
      </Title>
      {survey.data ? (
        <Text style={{ overflowWrap: 'anywhere' }}>
          {t('surveys.form.forCase', {
            reference: survey.data.reference,
            title: survey.data.title,
          })}
        </Text>
      ) : null}
      <Paper withBorder p="md">
        {content}
      </Paper>
    </Stack>
  );
}
