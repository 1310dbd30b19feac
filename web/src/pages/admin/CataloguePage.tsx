/**
 * The service catalogue: services and their categories with Malay and English names, receiving
 * unit, default impact and urgency, order, and whether customers see them. Entries are
 * deactivated, never deleted.
 */
import {
  Badge,
  Button,
  Card,
  Group,
  Modal,
  NumberInput,
  Select,
  SimpleGrid,
  Stack,
  Switch,
  Text,
  TextInput,
  Textarea,
  Title,
} from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { localName } from '../../catalogue';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageLoader } from '../../components/PageLoader';
import { currentLanguage } from '../../i18n';
import {
  ReadOnlyNotice,
  useCanManage,
  type AdminCategory,
  type AdminService,
  type Unit,
} from './shared';
import { useAllUnits } from './useUnits';

type Editing =
  | { kind: 'service'; service: AdminService | null }
  | { kind: 'category'; service: AdminService; category: AdminCategory | null };

export default function CataloguePage() {
  const { t } = useTranslation();
  useDocumentTitle(`${t('admin.catalogue.title')} · ${t('app.name')}`);
  const language = currentLanguage();
  const canManage = useCanManage();
  const units = useAllUnits();
  const [editing, setEditing] = useState<Editing | null>(null);
  const services = useQuery({
    queryKey: ['admin', 'catalogue'],
    queryFn: () => api.get<{ items: AdminService[] }>('/catalogue/services?includeInactive=true'),
  });
  const unitName = (unitId: string | null) => {
    const unit = units.data?.items.find((item) => item.id === unitId);
    return unit ? localName(unit, language) : t('admin.common.none');
  };

  return (
    <Stack>
      <Group justify="space-between" align="flex-end">
        <Title order={1}>{t('admin.catalogue.title')}</Title>
        {canManage ? (
          <Button onClick={() => setEditing({ kind: 'service', service: null })}>
            {t('admin.catalogue.createService')}
          </Button>
        ) : null}
      </Group>
      <ReadOnlyNotice />
      <ErrorAlert error={services.error ?? units.error} />
      {services.isPending ? <PageLoader /> : null}
      {services.data?.items.length === 0 ? <Text>{t('admin.catalogue.empty')}</Text> : null}
      {services.data?.items.map((service) => {
        const name = localName(service, language);
        return (
          <Card key={service.id} withBorder component="section" aria-label={name}>
            <Stack gap="sm">
              <Group justify="space-between" align="flex-start" gap="xs">
                <Stack gap={2} style={{ minWidth: 0, flex: '1 1 220px' }}>
                  <Title order={2} size="h4" style={{ overflowWrap: 'anywhere' }}>
                    {name}
                  </Title>
                  <Text size="sm" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
                    {service.code} · {t('admin.catalogue.defaultUnit')}:{' '}
                    {unitName(service.defaultUnitId)}
                  </Text>
                </Stack>
                <Group gap="xs">
                  {service.active ? null : (
                    <Badge variant="filled" color="gray.8">
                      {t('admin.common.inactive')}
                    </Badge>
                  )}
                  <Button
                    variant="default"
                    size="xs"
                    onClick={() => setEditing({ kind: 'service', service })}
                    aria-label={t('admin.catalogue.editService', { name })}
                  >
                    {t('admin.common.edit')}
                  </Button>
                </Group>
              </Group>
              <Title order={3} size="h6">
                {t('admin.catalogue.categories')}
              </Title>
              {service.categories.length === 0 ? (
                <Text size="sm">{t('admin.catalogue.noCategories')}</Text>
              ) : null}
              <Stack gap={6} component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
                {service.categories.map((category) => {
                  const categoryName = localName(category, language);
                  return (
                    <Group
                      key={category.id}
                      component="li"
                      justify="space-between"
                      gap="xs"
                      wrap="wrap"
                    >
                      <Stack gap={0} style={{ minWidth: 0, flex: '1 1 200px' }}>
                        <Text size="sm" fw={500} style={{ overflowWrap: 'anywhere' }}>
                          {categoryName}
                        </Text>
                        <Text size="xs" c="dimmed">
                          {category.code} · {t('admin.catalogue.defaultImpact')}:{' '}
                          {t(`admin.catalogue.levels.${category.defaultImpact}`)} ·{' '}
                          {t('admin.catalogue.defaultUrgency')}:{' '}
                          {t(`admin.catalogue.levels.${category.defaultUrgency}`)}
                        </Text>
                      </Stack>
                      <Group gap="xs">
                        {category.active ? null : (
                          <Badge variant="filled" color="gray.8">
                            {t('admin.common.inactive')}
                          </Badge>
                        )}
                        <Button
                          variant="subtle"
                          size="xs"
                          onClick={() => setEditing({ kind: 'category', service, category })}
                          aria-label={t('admin.catalogue.editCategory', { name: categoryName })}
                        >
                          {t('admin.common.edit')}
                        </Button>
                      </Group>
                    </Group>
                  );
                })}
              </Stack>
              {canManage ? (
                <Button
                  variant="light"
                  size="xs"
                  style={{ alignSelf: 'flex-start' }}
                  onClick={() => setEditing({ kind: 'category', service, category: null })}
                >
                  {t('admin.catalogue.createCategory')}
                </Button>
              ) : null}
            </Stack>
          </Card>
        );
      })}
      {editing?.kind === 'service' ? (
        <ServiceModal
          service={editing.service}
          units={units.data?.items ?? []}
          readOnly={!canManage}
          onClose={() => setEditing(null)}
        />
      ) : null}
      {editing?.kind === 'category' ? (
        <CategoryModal
          service={editing.service}
          category={editing.category}
          units={units.data?.items ?? []}
          readOnly={!canManage}
          onClose={() => setEditing(null)}
        />
      ) : null}
    </Stack>
  );
}

function unitOptions(units: Unit[], language: 'ms' | 'en') {
  return units
    .filter((unit) => unit.active)
    .map((unit) => ({ value: unit.id, label: `${unit.code} · ${localName(unit, language)}` }));
}

interface EntryModalProps {
  units: Unit[];
  readOnly: boolean;
  onClose: () => void;
}

function ServiceModal({
  service,
  units,
  readOnly,
  onClose,
}: EntryModalProps & { service: AdminService | null }) {
  const { t } = useTranslation();
  const language = currentLanguage();
  const queryClient = useQueryClient();
  const [code, setCode] = useState(service?.code ?? '');
  const [nameMs, setNameMs] = useState(service?.nameMs ?? '');
  const [nameEn, setNameEn] = useState(service?.nameEn ?? '');
  const [descriptionMs, setDescriptionMs] = useState(service?.descriptionMs ?? '');
  const [descriptionEn, setDescriptionEn] = useState(service?.descriptionEn ?? '');
  const [defaultUnitId, setDefaultUnitId] = useState<string | null>(service?.defaultUnitId ?? null);
  const [sortOrder, setSortOrder] = useState<number>(service?.sortOrder ?? 0);
  const [active, setActive] = useState(service?.active ?? true);

  const save = useMutation({
    mutationFn: () => {
      const body = {
        code,
        nameMs,
        nameEn,
        descriptionMs,
        descriptionEn,
        defaultUnitId,
        sortOrder,
      };
      return service
        ? api.patch<AdminService>(`/catalogue/services/${service.id}`, { ...body, active })
        : api.post<AdminService>('/catalogue/services', body);
    },
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: ['admin'] });
      await queryClient.invalidateQueries({ queryKey: ['catalogue'] });
      onClose();
    },
  });

  function handleSubmit(event: FormEvent) {
    event.preventDefault();
    if (!readOnly) save.mutate();
  }

  return (
    <Modal
      opened
      closeButtonProps={{ 'aria-label': t('admin.common.close') }}
      onClose={onClose}
      size="lg"
      title={
        service
          ? t('admin.catalogue.editServiceTitle', { name: localName(service, language) })
          : t('admin.catalogue.createServiceTitle')
      }
    >
      <form onSubmit={handleSubmit} noValidate>
        <Stack>
          <ErrorAlert error={save.error} />
          <TextInput
            label={t('admin.common.code')}
            required
            value={code}
            onChange={(event) => setCode(event.currentTarget.value)}
            disabled={readOnly}
          />
          <TextInput
            label={t('admin.common.nameMs')}
            required
            value={nameMs}
            onChange={(event) => setNameMs(event.currentTarget.value)}
            disabled={readOnly}
          />
          <TextInput
            label={t('admin.common.nameEn')}
            required
            value={nameEn}
            onChange={(event) => setNameEn(event.currentTarget.value)}
            disabled={readOnly}
          />
          <Textarea
            label={t('admin.catalogue.descriptionMs')}
            value={descriptionMs}
            onChange={(event) => setDescriptionMs(event.currentTarget.value)}
            autosize
            minRows={2}
            disabled={readOnly}
          />
          <Textarea
            label={t('admin.catalogue.descriptionEn')}
            value={descriptionEn}
            onChange={(event) => setDescriptionEn(event.currentTarget.value)}
            autosize
            minRows={2}
            disabled={readOnly}
          />
          <Select
            label={t('admin.catalogue.defaultUnit')}
            description={t('admin.catalogue.defaultUnitHint')}
            data={unitOptions(units, language)}
            value={defaultUnitId}
            onChange={setDefaultUnitId}
            clearable
            clearButtonProps={{ 'aria-label': t('common.clear') }}
            searchable
            nothingFoundMessage={t('common.nothingFound')}
            disabled={readOnly}
          />
          <NumberInput
            label={t('admin.catalogue.sortOrder')}
            value={sortOrder}
            onChange={(value) => setSortOrder(typeof value === 'number' ? value : 0)}
            allowDecimal={false}
            disabled={readOnly}
          />
          {service ? (
            <Switch
              label={t('admin.catalogue.activeLabel')}
              checked={active}
              onChange={(event) => setActive(event.currentTarget.checked)}
              disabled={readOnly}
            />
          ) : null}
          <ModalButtons readOnly={readOnly} pending={save.isPending} onClose={onClose} />
        </Stack>
      </form>
    </Modal>
  );
}

function CategoryModal({
  service,
  category,
  units,
  readOnly,
  onClose,
}: EntryModalProps & { service: AdminService; category: AdminCategory | null }) {
  const { t } = useTranslation();
  const language = currentLanguage();
  const queryClient = useQueryClient();
  const [code, setCode] = useState(category?.code ?? '');
  const [nameMs, setNameMs] = useState(category?.nameMs ?? '');
  const [nameEn, setNameEn] = useState(category?.nameEn ?? '');
  const [defaultUnitId, setDefaultUnitId] = useState<string | null>(
    category?.defaultUnitId ?? null,
  );
  const [defaultImpact, setDefaultImpact] = useState(String(category?.defaultImpact ?? 2));
  const [defaultUrgency, setDefaultUrgency] = useState(String(category?.defaultUrgency ?? 2));
  const [sortOrder, setSortOrder] = useState<number>(category?.sortOrder ?? 0);
  const [active, setActive] = useState(category?.active ?? true);
  const levelOptions = ['1', '2', '3'].map((value) => ({
    value,
    label: t(`admin.catalogue.levels.${value}`),
  }));

  const save = useMutation({
    mutationFn: () => {
      const body = {
        code,
        nameMs,
        nameEn,
        defaultUnitId,
        defaultImpact: Number(defaultImpact),
        defaultUrgency: Number(defaultUrgency),
        sortOrder,
      };
      return category
        ? api.patch<AdminCategory>(`/catalogue/categories/${category.id}`, { ...body, active })
        : api.post<AdminCategory>('/catalogue/categories', { ...body, serviceId: service.id });
    },
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: ['admin'] });
      await queryClient.invalidateQueries({ queryKey: ['catalogue'] });
      onClose();
    },
  });

  function handleSubmit(event: FormEvent) {
    event.preventDefault();
    if (!readOnly) save.mutate();
  }

  return (
    <Modal
      opened
      closeButtonProps={{ 'aria-label': t('admin.common.close') }}
      onClose={onClose}
      size="lg"
      title={
        category
          ? t('admin.catalogue.editCategoryTitle', { name: localName(category, language) })
          : t('admin.catalogue.createCategoryTitle', { service: localName(service, language) })
      }
    >
      <form onSubmit={handleSubmit} noValidate>
        <Stack>
          <ErrorAlert error={save.error} />
          <TextInput
            label={t('admin.common.code')}
            required
            value={code}
            onChange={(event) => setCode(event.currentTarget.value)}
            disabled={readOnly}
          />
          <TextInput
            label={t('admin.common.nameMs')}
            required
            value={nameMs}
            onChange={(event) => setNameMs(event.currentTarget.value)}
            disabled={readOnly}
          />
          <TextInput
            label={t('admin.common.nameEn')}
            required
            value={nameEn}
            onChange={(event) => setNameEn(event.currentTarget.value)}
            disabled={readOnly}
          />
          <Select
            label={t('admin.catalogue.defaultUnit')}
            description={t('admin.catalogue.categoryUnitHint')}
            data={unitOptions(units, language)}
            value={defaultUnitId}
            onChange={setDefaultUnitId}
            clearable
            clearButtonProps={{ 'aria-label': t('common.clear') }}
            searchable
            nothingFoundMessage={t('common.nothingFound')}
            disabled={readOnly}
          />
          <SimpleGrid cols={{ base: 1, xs: 2 }}>
            <Select
              label={t('admin.catalogue.defaultImpact')}
              data={levelOptions}
              value={defaultImpact}
              onChange={(value) => setDefaultImpact(value ?? '2')}
              allowDeselect={false}
              disabled={readOnly}
            />
            <Select
              label={t('admin.catalogue.defaultUrgency')}
              data={levelOptions}
              value={defaultUrgency}
              onChange={(value) => setDefaultUrgency(value ?? '2')}
              allowDeselect={false}
              disabled={readOnly}
            />
          </SimpleGrid>
          <NumberInput
            label={t('admin.catalogue.sortOrder')}
            value={sortOrder}
            onChange={(value) => setSortOrder(typeof value === 'number' ? value : 0)}
            allowDecimal={false}
            disabled={readOnly}
          />
          {category ? (
            <Switch
              label={t('admin.catalogue.activeLabel')}
              checked={active}
              onChange={(event) => setActive(event.currentTarget.checked)}
              disabled={readOnly}
            />
          ) : null}
          <ModalButtons readOnly={readOnly} pending={save.isPending} onClose={onClose} />
        </Stack>
      </form>
    </Modal>
  );
}

function ModalButtons({
  readOnly,
  pending,
  onClose,
}: {
  readOnly: boolean;
  pending: boolean;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  if (readOnly) return null;
  return (
    <Group justify="flex-end">
      <Button variant="default" onClick={onClose}>
        {t('admin.common.cancel')}
      </Button>
      <Button type="submit" loading={pending}>
        {t('admin.common.save')}
      </Button>
    </Group>
  );
}
