/** The customer's start page: the service catalogue, each service leading to a new complaint. */
import { Button, Card, Group, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { useTranslation } from 'react-i18next';
import { Link, Navigate } from 'react-router';
import { isStaff, landingPath, useSession } from '../auth/session';
import { localName, useCatalogue } from '../catalogue';
import { ErrorAlert } from '../components/ErrorAlert';
import { PageLoader } from '../components/PageLoader';
import { currentLanguage } from '../i18n';

export default function HomePage() {
  const { t } = useTranslation();
  useDocumentTitle(`${t('catalogue.title')} · ${t('app.name')}`);
  const { me } = useSession();
  const catalogue = useCatalogue();
  const language = currentLanguage();

  if (me && isStaff(me)) return <Navigate to={landingPath(me)} replace />;

  return (
    <Stack>
      <Group justify="space-between" align="flex-end">
        <div>
          <Title order={1}>{t('catalogue.title')}</Title>
          <Text c="dimmed">{t('catalogue.intro')}</Text>
        </div>
        <Button component={Link} to="/cases/new">
          {t('nav.newComplaint')}
        </Button>
      </Group>
      <ErrorAlert error={catalogue.error} />
      {catalogue.isPending ? <PageLoader /> : null}
      {catalogue.data?.items.length === 0 ? <Text>{t('catalogue.empty')}</Text> : null}
      <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }}>
        {catalogue.data?.items.map((service) => {
          const name = localName(service, language);
          const description = language === 'en' ? service.descriptionEn : service.descriptionMs;
          return (
            <Card key={service.id} withBorder component="section" aria-label={name}>
              <Stack gap="xs" h="100%" justify="space-between">
                <Stack gap={4}>
                  <Title order={2} size="h4">
                    {name}
                  </Title>
                  {description ? <Text size="sm">{description}</Text> : null}
                  {service.categories.length > 0 ? (
                    <Text size="sm" c="dimmed">
                      {service.categories
                        .map((category) => localName(category, language))
                        .join(' · ')}
                    </Text>
                  ) : null}
                </Stack>
                <Button
                  component={Link}
                  to={`/cases/new?service=${service.id}`}
                  variant="light"
                  aria-label={t('catalogue.complainAbout', { service: name })}
                >
                  {t('catalogue.complain')}
                </Button>
              </Stack>
            </Card>
          );
        })}
      </SimpleGrid>
    </Stack>
  );
}
