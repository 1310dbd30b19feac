import { Container, Group, Title } from '@mantine/core';
import { Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { Outlet } from 'react-router';
import { LanguageSwitch } from './LanguageSwitch';
import { PageLoader } from './PageLoader';

/** The frame of the pages open without a session: sign-in and the rating link. */
export function PublicLayout() {
  const { t } = useTranslation();
  return (
    <>
      <a className="skip-link" href="#main">
        {t('shell.skipToContent')}
      </a>
      <header>
        <Container size="sm" py="md">
          <Group justify="space-between" wrap="nowrap">
            <Title order={2} size="h3">
              {t('app.name')}
            </Title>
            <LanguageSwitch />
          </Group>
        </Container>
      </header>
      <main id="main" tabIndex={-1}>
        <Container size="sm" pb="xl">
          <Suspense fallback={<PageLoader />}>
            <Outlet />
          </Suspense>
        </Container>
      </main>
    </>
  );
}
