/**
 * Titles, descriptions and resolutions of generated cases in Malay or English, built from the
 * demo's texts per category, a campus location and, in a few cases, a follow-up sentence. The rare
 * words of the search benchmark come from these sentences.
 */
import type { Language } from '../../common/enums';
import type { Random } from '../../scripts/demo/random';
import {
  categoryTexts,
  inLanguage,
  places,
  ratingComments,
  withPlace,
} from '../../scripts/demo/texts';

export interface CaseText {
  title: string;
  description: string;
  resolution: string;
}

/** Words of the search benchmark: each rare one is in about one case in 2,000. */
export const searchWords = {
  rare: { ms: 'osiloskop', en: 'oscilloscope' },
  common: { ms: 'tidak', en: 'cannot' },
} as const;

const followUps: { share: number; ms: string; en: string }[] = [
  {
    share: 0.0005,
    ms: 'Osiloskop makmal turut terjejas.',
    en: 'The lab oscilloscope is affected too.',
  },
  {
    share: 0.2,
    ms: 'Masalah ini berlaku sejak pagi tadi dan saya tidak dapat meneruskan kerja.',
    en: 'This has been happening since this morning and I cannot continue my work.',
  },
  {
    share: 0.1,
    ms: 'Mohon tindakan segera kerana kelas akan bermula.',
    en: 'Please act soon because a class is about to start.',
  },
];

const fallback = {
  title: { ms: 'Masalah perkhidmatan ICT', en: 'ICT service problem' },
  description: {
    ms: 'Perkhidmatan ICT di {place} tidak berfungsi seperti biasa.',
    en: 'The ICT service at {place} is not working as usual.',
  },
  resolution: { ms: 'Masalah telah diselesaikan.', en: 'The problem has been fixed.' },
};

export function caseText(random: Random, categoryCode: string, language: Language): CaseText {
  const texts = categoryTexts[categoryCode];
  const place = random.pick(places);
  const title = texts ? random.pick(texts.titles) : fallback.title;
  let description = withPlace(
    inLanguage(texts?.description ?? fallback.description, language),
    place,
  );
  for (const followUp of followUps) {
    if (random.chance(followUp.share)) description += ` ${followUp[language]}`;
  }
  return {
    title: withPlace(inLanguage(title, language), place),
    description,
    resolution: inLanguage(texts?.resolution ?? fallback.resolution, language),
  };
}

export function ratingComment(random: Random, rating: number, language: Language): string {
  return inLanguage(random.pick(ratingComments[rating >= 4 ? 'good' : 'bad']), language);
}
