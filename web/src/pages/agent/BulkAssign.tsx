/**
 * Bulk "tentukan & agihkan": one unit, technician and reason for every selected case, sent as one
 * POST /cases/{ref}/assign per case, in turn, with the result shown for each case.
 */
import { Button, Group, List, Paper, Stack, Text, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { errorMessage } from '../../errors';
import {
  AssignFields,
  emptyAssignment,
  validateAssignment,
  type AssignValue,
} from './AssignFields';

type RowResult = { ok: true } | { ok: false; message: string };

interface BulkAssignProps {
  references: string[];
  /** Called with the references that were assigned, so the page can clear their selection. */
  onDone: (succeeded: string[]) => void;
}

export function BulkAssign({ references, onDone }: BulkAssignProps) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [value, setValue] = useState<AssignValue>(emptyAssignment);
  const [errors, setErrors] = useState<Partial<Record<keyof AssignValue, string>>>({});
  const [results, setResults] = useState<[string, RowResult][]>([]);
  const [sending, setSending] = useState(false);

  async function handleSubmit(event: FormEvent) {
    event.preventDefault();
    const found = validateAssignment(value, t('validation.required'));
    setErrors(found);
    if (Object.keys(found).length > 0) return;

    setSending(true);
    const outcome: [string, RowResult][] = [];
    setResults([]);
    for (const reference of references) {
      try {
        await api.post(`/cases/${reference}/assign`, {
          unitId: value.unitId,
          assigneeId: value.assigneeId,
          reason: value.reason.trim(),
        });
        outcome.push([reference, { ok: true }]);
      } catch (error) {
        outcome.push([reference, { ok: false, message: errorMessage(t, error) }]);
      }
      setResults([...outcome]);
    }
    setSending(false);
    await queryClient.invalidateQueries({ queryKey: ['cases'] });
    onDone(outcome.filter(([, result]) => result.ok).map(([reference]) => reference));
  }

  return (
    <Paper withBorder p="md" component="section" aria-labelledby="bulk-assign-title">
      <form onSubmit={(event) => void handleSubmit(event)} noValidate>
        <Stack gap="sm">
          <Title order={2} size="h4" id="bulk-assign-title">
            {references.length > 0
              ? t('agent.assign.bulkTitle', { count: references.length })
              : t('agent.actions.assign')}
          </Title>
          <AssignFields value={value} onChange={setValue} errors={errors} idPrefix="bulk" />
          <Group justify="flex-end">
            <Button type="submit" loading={sending} disabled={references.length === 0}>
              {t('agent.assign.submitBulk', { count: references.length })}
            </Button>
          </Group>
          {results.length > 0 ? (
            <div role="status" aria-live="polite">
              <Text fw={600} size="sm">
                {t('agent.assign.results')}
              </Text>
              <List spacing={4} size="sm">
                {results.map(([reference, result]) => (
                  <List.Item key={reference} style={{ overflowWrap: 'anywhere' }}>
                    <Text span size="sm" c={result.ok ? 'teal.9' : 'red.9'}>
                      {reference}: {result.ok ? t('agent.assign.assigned') : result.message}
                    </Text>
                  </List.Item>
                ))}
              </List>
            </div>
          ) : null}
        </Stack>
      </form>
    </Paper>
  );
}
