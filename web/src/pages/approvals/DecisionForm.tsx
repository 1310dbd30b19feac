/** Approve or reject with a comment; a comment is required to reject. */
import { Button, Group, Stack, Textarea } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../components/ErrorAlert';
import type { DecisionInput } from './types';

export function DecisionForm({
  id,
  onDecide,
  pending,
  error,
}: {
  id: string;
  onDecide: (input: DecisionInput) => void;
  pending: boolean;
  error: unknown;
}) {
  const { t } = useTranslation();
  const [comment, setComment] = useState('');
  const [missingReason, setMissingReason] = useState(false);

  function reject() {
    if (comment.trim() === '') {
      setMissingReason(true);
      return;
    }
    onDecide({ decision: 'rejected', comment });
  }

  return (
    <Stack gap="xs">
      <Textarea
        id={`comment-${id}`}
        label={t('approvals.comment')}
        description={t('approvals.commentHelp')}
        value={comment}
        onChange={(event) => {
          setComment(event.currentTarget.value);
          setMissingReason(false);
        }}
        error={missingReason ? t('approvals.reasonRequired') : undefined}
        maxLength={2000}
        autosize
        minRows={2}
      />
      <ErrorAlert error={error} />
      <Group gap="sm">
        <Button
          color="teal.9"
          loading={pending}
          onClick={() => onDecide({ decision: 'approved', comment })}
        >
          {t('approvals.approve')}
        </Button>
        <Button color="red.9" variant="outline" loading={pending} onClick={reject}>
          {t('approvals.reject')}
        </Button>
      </Group>
    </Stack>
  );
}
