import { Button, Group, Radio, Stack, Textarea } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from './ErrorAlert';

export interface RatingInput {
  score: 1 | 2 | 3 | 4 | 5;
  comment: string;
}

const scores = [5, 4, 3, 2, 1] as const;

/** A rating from 1 to 5 with an optional comment, for a case page and the rating link page. */
export function RatingForm({
  onSubmit,
  pending,
  error,
}: {
  onSubmit: (input: RatingInput) => void;
  pending: boolean;
  error: unknown;
}) {
  const { t } = useTranslation();
  const [score, setScore] = useState<string>('');
  const [comment, setComment] = useState('');
  const [missing, setMissing] = useState(false);

  function handleSubmit(event: FormEvent) {
    event.preventDefault();
    const value = scores.find((candidate) => String(candidate) === score);
    if (!value) {
      setMissing(true);
      return;
    }
    setMissing(false);
    onSubmit({ score: value, comment: comment.trim() });
  }

  return (
    <form onSubmit={handleSubmit} noValidate>
      <Stack>
        <ErrorAlert error={error} />
        <Radio.Group
          label={t('rating.scoreLabel')}
          value={score}
          onChange={setScore}
          required
          error={missing ? t('validation.required') : undefined}
        >
          <Stack gap="xs" mt="xs">
            {scores.map((value) => (
              <Radio key={value} value={String(value)} label={t(`rating.scores.${value}`)} />
            ))}
          </Stack>
        </Radio.Group>
        <Textarea
          label={t('fields.comment')}
          autosize
          minRows={2}
          maxLength={5000}
          value={comment}
          onChange={(event) => setComment(event.currentTarget.value)}
        />
        <Group justify="flex-end">
          <Button type="submit" loading={pending}>
            {t('rating.submit')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
