/**
 * The fields of "tentukan & agihkan": a unit from GET /units, a technician of that unit from
 * GET /people?unitId=…&role=technician (optional), and the reason, which the API requires.
 */
import { Select, Stack, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { localName } from '../../catalogue';
import { currentLanguage } from '../../i18n';
import { useTechnicians, useUnits } from './data';

export interface AssignValue {
  unitId: string | null;
  assigneeId: string | null;
  reason: string;
}

export const emptyAssignment: AssignValue = { unitId: null, assigneeId: null, reason: '' };

interface AssignFieldsProps {
  value: AssignValue;
  onChange: (value: AssignValue) => void;
  errors: Partial<Record<keyof AssignValue, string>>;
  /** Prefix of the inputs' ids, so two forms on a page stay distinct. */
  idPrefix: string;
}

export function AssignFields({ value, onChange, errors, idPrefix }: AssignFieldsProps) {
  const { t } = useTranslation();
  const language = currentLanguage();
  const units = useUnits();
  const technicians = useTechnicians(value.unitId);

  return (
    <Stack gap="sm">
      <Select
        id={`${idPrefix}-unit`}
        label={t('fields.unit')}
        placeholder={t('agent.assign.unitPlaceholder')}
        data={(units.data ?? []).map((unit) => ({
          value: unit.id,
          label: `${unit.code} · ${localName(unit, language)}`,
        }))}
        value={value.unitId}
        onChange={(unitId) => onChange({ ...value, unitId, assigneeId: null })}
        error={errors.unitId}
        searchable
        required
        disabled={units.isPending}
        nothingFoundMessage={t('common.nothingFound')}
      />
      <Select
        id={`${idPrefix}-technician`}
        label={t('agent.assign.technician')}
        placeholder={
          value.unitId ? t('agent.assign.technicianPlaceholder') : t('agent.assign.unitFirst')
        }
        data={(technicians.data ?? []).map((person) => ({ value: person.id, label: person.name }))}
        value={value.assigneeId}
        onChange={(assigneeId) => onChange({ ...value, assigneeId })}
        error={errors.assigneeId}
        disabled={!value.unitId || technicians.isPending}
        searchable
        clearable
        clearButtonProps={{ 'aria-label': t('common.clear') }}
        nothingFoundMessage={t('agent.assign.noTechnicians')}
      />
      <TextInput
        id={`${idPrefix}-reason`}
        label={t('fields.reason')}
        value={value.reason}
        onChange={(event) => onChange({ ...value, reason: event.currentTarget.value })}
        error={errors.reason}
        required
        maxLength={500}
      />
    </Stack>
  );
}

/** Checks the fields before sending and returns the messages to show, keyed by field. */
export function validateAssignment(
  value: AssignValue,
  required: string,
): Partial<Record<keyof AssignValue, string>> {
  const found: Partial<Record<keyof AssignValue, string>> = {};
  if (!value.unitId) found.unitId = required;
  if (value.reason.trim() === '') found.reason = required;
  return found;
}
