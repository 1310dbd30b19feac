/**
 * i18next for the web app: Malay (ms) first, English (en) complete. Before sign-in the choice is
 * kept in localStorage; once signed in, the person's stored language wins.
 */
import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { languages, type Language } from '../../../common/enums';
import adminEn from './admin.en.json';
import adminMs from './admin.ms.json';
import approvalsEn from './approvals.en.json';
import approvalsMs from './approvals.ms.json';
import loansEn from './loans.en.json';
import loansMs from './loans.ms.json';
import ceremonyEn from './ceremony.en.json';
import ceremonyMs from './ceremony.ms.json';
import mailEn from './mail.en.json';
import mailMs from './mail.ms.json';
import projectsEn from './projects.en.json';
import projectsMs from './projects.ms.json';
import en from './en.json';
import ms from './ms.json';
import policiesEn from './policies.en.json';
import policiesMs from './policies.ms.json';
import reportsEn from './reports.en.json';
import reportsMs from './reports.ms.json';
import slaEn from './sla.en.json';
import slaMs from './sla.ms.json';
import surveysEn from './surveys.en.json';
import surveysMs from './surveys.ms.json';

const storageKey = 'khidmat.language';

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (languages as readonly string[]).includes(value);
}

function storedLanguage(): Language {
  try {
    const value = window.localStorage.getItem(storageKey);
    return isLanguage(value) ? value : 'ms';
  } catch {
    return 'ms';
  }
}

/** Switches the interface language and remembers it on this browser. */
export async function applyLanguage(language: Language): Promise<void> {
  try {
    window.localStorage.setItem(storageKey, language);
  } catch {
    // Storage may be disabled (private mode); the choice then lasts for this page only.
  }
  if (i18next.language !== language) await i18next.changeLanguage(language);
}

export function currentLanguage(): Language {
  return isLanguage(i18next.language) ? i18next.language : 'ms';
}

i18next.on('languageChanged', (language) => {
  document.documentElement.lang = language;
});

// The resources are bundled, so initialisation completes synchronously (initAsync: false).
void i18next.use(initReactI18next).init({
  // The administration and process-map strings (keys admin.* and processMap.*) live in files of
  // their own and join the same namespace.
  resources: {
    ms: {
      translation: {
        ...ms,
        ...adminMs,
        ...reportsMs,
        ...slaMs,
        ...approvalsMs,
        ...loansMs,
        ...ceremonyMs,
        ...mailMs,
        ...surveysMs,
        ...policiesMs,
        ...projectsMs,
      },
    },
    en: {
      translation: {
        ...en,
        ...adminEn,
        ...reportsEn,
        ...slaEn,
        ...approvalsEn,
        ...loansEn,
        ...ceremonyEn,
        ...mailEn,
        ...surveysEn,
        ...policiesEn,
        ...projectsEn,
      },
    },
  },
  lng: storedLanguage(),
  fallbackLng: 'ms',
  supportedLngs: [...languages],
  interpolation: { escapeValue: false },
  initAsync: false,
});
document.documentElement.lang = i18next.language;

export default i18next;
