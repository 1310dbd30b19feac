/** The Malay and English e-mails of the ICT project workflows. */
import { describe, expect, test } from 'vitest';
import {
  projectTemplateNames,
  projectTemplates,
  type ProjectTemplateData,
} from '../../activities/projects/messages';

const data: ProjectTemplateData = {
  recipientName: 'Aminah',
  reference: 'PRJ-2026-000012',
  title: 'Sistem tempahan makmal',
  projectUrl: 'http://localhost:3000/projects/PRJ-2026-000012',
  rejectedAt: 'evaluation',
  reason: 'Tiada peruntukan tahun ini',
  amount: '7,500.00',
  refundStage: 'completion',
  vendorName: 'Syarikat Maju Sdn Bhd',
  procurementStep: 'vendor_appointment',
  dueAt: '19/12/2026 14:30',
};

describe('project e-mail templates', () => {
  test('both languages have every template', () => {
    expect(Object.keys(projectTemplates.ms).sort()).toEqual([...projectTemplateNames].sort());
    expect(Object.keys(projectTemplates.en).sort()).toEqual([...projectTemplateNames].sort());
  });

  test.each(projectTemplateNames)('%s names the project', (name) => {
    for (const language of ['ms', 'en'] as const) {
      const message = projectTemplates[language][name](data);
      expect(message.subject).toContain(data.reference);
      expect(message.text).toContain(data.title);
      expect(message.text).not.toContain('undefined');
    }
  });

  test('rejection gives the step and the reason', () => {
    const ms = projectTemplates.ms.projectRejected(data);
    expect(ms.text).toContain('Penilaian projek');
    expect(ms.text).toContain(data.reason);
    expect(projectTemplates.en.projectRejected(data).text).toContain('Project evaluation');
  });

  test('refund names the amount and the vendor', () => {
    const ms = projectTemplates.ms.guaranteeRefunded(data);
    expect(ms.subject).toContain('wang jaminan');
    expect(ms.text).toContain('RM7,500.00');
    expect(ms.text).toContain(data.vendorName);
    expect(ms.text).toContain('penyiapan projek');
    const final = projectTemplates.en.guaranteeRefunded({ ...data, refundStage: 'final' });
    expect(final.text).toContain('end of the defects-liability period');
  });

  test('deadline notices give the step and the due time', () => {
    const reminder = projectTemplates.ms.procurementStepDue(data);
    expect(reminder.subject).toContain('Peringatan');
    expect(reminder.text).toContain('Lantikan vendor');
    expect(reminder.text).toContain('19/12/2026 14:30');
    const overdue = projectTemplates.en.procurementStepOverdue(data);
    expect(overdue.subject).toContain('has passed');
    expect(overdue.text).toContain('Vendor appointment');
    expect(overdue.text).toContain('19/12/2026 14:30');
  });
});
