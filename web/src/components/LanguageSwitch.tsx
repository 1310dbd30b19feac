import { NativeSelect } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSession } from '../auth/session';
import { currentLanguage, isLanguage } from '../i18n';

/** The interface language: Bahasa Melayu or English, stored per person once signed in. */
export function LanguageSwitch() {
  const { t } = useTranslation();
  const { setLanguage } = useSession();
  const [failed, setFailed] = useState(false);
  // Below the xs breakpoint (36em) the header has no room for "Bahasa Melayu" beside the bell.
  const wide = useMediaQuery('(min-width: 36em)', true);

  return (
    <NativeSelect
      aria-label={t('language.label')}
      value={currentLanguage()}
      error={failed ? t('language.saveFailed') : undefined}
      onChange={(event) => {
        const value = event.currentTarget.value;
        if (!isLanguage(value)) return;
        setFailed(false);
        setLanguage(value).catch(() => setFailed(true));
      }}
      data={[
        { value: 'ms', label: wide ? 'Bahasa Melayu' : 'Melayu' },
        { value: 'en', label: 'English' },
      ]}
      // Narrower on phones, so that the header's burger, name, bell and this fit in 360 px.
      w={{ base: 112, xs: 170 }}
      size="sm"
    />
  );
}
