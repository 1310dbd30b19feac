/** The Malay and English notification templates. */
import { describe, expect, test } from 'vitest';
import { formatMalaysianTime } from '../../activities/notifications/format';
import { en } from '../../activities/notifications/templates/en';
import { ms } from '../../activities/notifications/templates/ms';
import { templateNames, type TemplateData } from '../../activities/notifications/templates/types';

const data: TemplateData = {
  recipientName: 'Aminah',
  reference: 'ADU-2026-000123',
  title: 'Wi-Fi terputus',
  caseUrl: 'http://localhost:3000/cases/ADU-2026-000123',
  priority: 2,
  body: 'Sudah dibaiki.',
  reason: 'Unit rangkaian',
  target: 'resolution',
  dueAt: '02/03/2026 11:00',
  ratingUrl: 'http://localhost:3000/rate/abc',
  ratingExpiresAt: '21/03/2026 12:00',
  closesAt: '07/03/2026 12:00',
};

describe('notification templates', () => {
  test('both languages have every template', () => {
    expect(Object.keys(ms).sort()).toEqual([...templateNames].sort());
    expect(Object.keys(en).sort()).toEqual([...templateNames].sort());
  });

  test.each(templateNames)('%s names the complaint number', (name) => {
    for (const set of [ms, en]) {
      const message = set[name](data);
      expect(message.subject).toContain(data.reference);
      expect(message.text).toContain(data.reference);
      expect(message.text).not.toContain('undefined');
    }
  });

  test('Malay templates use the glossary terms', () => {
    expect(ms.acknowledgement(data).subject).toContain('Akuan terima aduan');
    expect(ms.acknowledgement(data).text).toContain('Nombor aduan');
    expect(ms.assigned(data).text).toContain('juruteknik');
    expect(ms.resolved(data).subject).toContain('selesai');
    expect(ms.resolved(data).text).toContain(data.ratingUrl);
    expect(ms.closed(data).subject).toContain('ditutup');
    expect(ms.reopened(data).subject).toContain('dibuka semula');
    expect(ms.slaBreach(data).subject).toContain('melanggar SLA');
  });

  test('times are shown in Malaysian time', () => {
    expect(formatMalaysianTime('2026-03-02T16:30:00.000Z')).toBe('03/03/2026 00:30');
  });
});
