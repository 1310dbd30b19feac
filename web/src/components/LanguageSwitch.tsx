import { NativeSelect } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSession } from '../auth/session';
import { currentLanguage, isLanguage } from '../i18n';

/** The interface language: Bahasa Melayu or English, stored per person once signed in. */
export function LanguageSwitch() {
  const { t } = useTranslation();
  const { setLanguage } = useSession();
  const [failed, setFailed] = useState(false);

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
        { value: 'ms', label: 'Bahasa Melayu' },
        { value: 'en', label: 'English' },
      ]}
      // Narrower on phones, so that the header's burger, name, bell and this fit in 360 px.
      w={{ base: 132, xs: 170 }}
      size="sm"
    />
  );
}
