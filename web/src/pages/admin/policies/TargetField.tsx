/**
 * One SLA target of the policy form: none, a length of working time in hours and minutes, or the
 * end of the n-th working day.
 */
import { Input, NumberInput, Radio, SimpleGrid, Stack, Text } from '@mantine/core';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { targetKinds, type TargetDraft } from './slaTargets';

interface TargetFieldProps {
  /** Name of the target, such as "Respons pertama", shown as the legend of its fieldset. */
  label: string;
  draft: TargetDraft;
  onChange: (draft: TargetDraft) => void;
  error?: string;
}

/** Reads a number input's value, which is a string while the field is empty or half typed. */
function asCount(value: number | string): number | '' {
  return typeof value === 'number' ? value : '';
}

export function TargetField({ label, draft, onChange, error }: TargetFieldProps) {
  const { t } = useTranslation();
  const errorId = useId();
  // The hours and minutes share one message, below both.
  const invalid = error
    ? { error: true, 'aria-describedby': errorId }
    : { error: undefined, 'aria-describedby': undefined };

  return (
    <Stack gap="xs" component="fieldset" style={{ border: 0, padding: 0, margin: 0, minWidth: 0 }}>
      <Text component="legend" fw={600} size="sm" mb={4}>
        {label}
      </Text>
      <Radio.Group value={draft.kind} onChange={(kind) => onChange({ ...draft, kind })}>
        <Stack gap={6}>
          {targetKinds.map((kind) => (
            <Radio key={kind} value={kind} label={t(`policies.sla.target.kind.${kind}`)} />
          ))}
        </Stack>
      </Radio.Group>
      {draft.kind === 'workingMinutes' ? (
        <SimpleGrid cols={2} maw={360}>
          <NumberInput
            label={t('policies.sla.target.hours')}
            value={draft.hours}
            onChange={(value) => onChange({ ...draft, hours: asCount(value) })}
            min={0}
            max={8760}
            allowDecimal={false}
            allowNegative={false}
            {...invalid}
          />
          <NumberInput
            label={t('policies.sla.target.minutes')}
            value={draft.minutes}
            onChange={(value) => onChange({ ...draft, minutes: asCount(value) })}
            min={0}
            max={59}
            allowDecimal={false}
            allowNegative={false}
            {...invalid}
          />
        </SimpleGrid>
      ) : null}
      {draft.kind === 'workingDays' ? (
        <NumberInput
          label={t('policies.sla.target.day')}
          description={t('policies.sla.target.dayHint')}
          value={draft.days}
          onChange={(value) => onChange({ ...draft, days: asCount(value) })}
          min={1}
          max={365}
          allowDecimal={false}
          allowNegative={false}
          maw={360}
          error={error}
        />
      ) : null}
      {error && draft.kind !== 'workingDays' ? (
        <Input.Error id={errorId}>{error}</Input.Error>
      ) : null}
    </Stack>
  );
}
