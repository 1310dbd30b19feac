/**
 * XLSX (exceljs) and PDF (pdfmake) files of the periodic report, in Malay or English, under the
 * division's header. Every text cell of the workbook goes through neutraliseFormula, so a category
 * or unit name typed as "=HYPERLINK(...)" is shown as text and never run as a formula.
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import ExcelJS from 'exceljs';
import pdfmake from 'pdfmake';
import type { Content, TDocumentDefinitions } from 'pdfmake/interfaces';
import type { Language } from '../../common/enums';
import { exportLabels, type ExportLabels } from './periodic-labels';
import type { BreakdownRow, PeriodicReport } from './periodic-types';
import { noneKey } from './periodic-types';
import { reportTimeZone } from './periodic-period';

/** The header printed on every exported report. */
export interface ReportHeader {
  division: string;
  organisation: string;
}

/** Names of the filters printed under the header; the report itself carries only their ids. */
export interface ExportFilterNames {
  /** The campus filter's name in the export's language. */
  campus?: string;
}

// TODO: read the header from the organisation's settings once the configuration has them.
export const defaultReportHeader: ReportHeader = {
  division: 'UTMDigital',
  organisation: 'Universiti Teknologi Malaysia',
};

/** Characters that make a spreadsheet treat a cell as a formula (OWASP CSV injection list). */
const formulaStart = /^[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20]/;

/** Prefixes text that a spreadsheet would read as a formula with an apostrophe. */
export function neutraliseFormula(text: string): string {
  return formulaStart.test(text) ? `'${text}` : text;
}

type Cell = string | number | null;

interface Table {
  title: string;
  head: string[];
  rows: Cell[][];
}

function formatInstant(iso: string, language: Language): string {
  return new Intl.DateTimeFormat(language === 'en' ? 'en-GB' : 'ms-MY', {
    timeZone: reportTimeZone,
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(new Date(iso));
}

function formatDay(day: string): string {
  const [year, month, date] = day.split('-');
  return `${date}/${month}/${year}`;
}

const percent = (share: number | null) => (share === null ? null : Math.round(share * 1000) / 10);

function rowLabel(
  dimension: 'type' | 'category' | 'channel' | 'unit' | 'month',
  row: BreakdownRow,
  language: Language,
  labels: ExportLabels,
): string {
  if (row.key === noneKey) return labels.none;
  if (dimension === 'type') return labels.types[row.key] ?? row.key;
  if (dimension === 'channel') return labels.channels[row.key] ?? row.key;
  if (dimension === 'month') return row.key;
  return (language === 'en' ? row.labelEn : row.labelMs) ?? row.key;
}

/** Lays the report out as titled tables, shared by the XLSX and the PDF. */
function reportTables(report: PeriodicReport, language: Language): Table[] {
  const labels = exportLabels(language);
  const { totals, times, satisfaction } = report;
  const summary: Table = {
    title: labels.summary,
    head: [labels.figure, labels.value],
    rows: [
      [labels.received, totals.received.value],
      [labels.resolved, totals.resolved.value],
      [labels.closed, totals.closed.value],
      [labels.reopened, totals.reopened.value],
      [`${labels.reopenRate} (%)`, percent(totals.reopenRate)],
      [labels.backlog, totals.backlog.value],
      [labels.breached, totals.breached.value],
      [`${labels.resolutionAttainment} (%)`, percent(totals.resolutionAttainment)],
      [labels.rated, satisfaction.rated.value],
      [labels.meanRating, satisfaction.mean],
    ],
  };
  const timesTable: Table = {
    title: `${labels.firstResponse} / ${labels.resolution}`,
    head: ['', labels.cases, labels.medianMinutes, labels.p90Minutes],
    rows: [
      [
        labels.firstResponse,
        times.firstResponse.cases,
        times.firstResponse.medianMinutes,
        times.firstResponse.p90Minutes,
      ],
      [
        labels.resolution,
        times.resolution.cases,
        times.resolution.medianMinutes,
        times.resolution.p90Minutes,
      ],
    ],
  };
  const breakdown = (
    title: string,
    dimension: 'type' | 'category' | 'channel' | 'unit' | 'month',
    rows: BreakdownRow[],
  ): Table => ({
    title,
    head:
      dimension === 'month'
        ? ['', labels.received, labels.resolved]
        : ['', labels.received, labels.resolved, labels.backlog],
    rows: rows.map((row) => {
      const cells: Cell[] = [
        rowLabel(dimension, row, language, labels),
        row.received.value,
        row.resolved.value,
      ];
      if (dimension !== 'month') cells.push(row.backlog.value);
      return cells;
    }),
  });
  return [
    summary,
    timesTable,
    breakdown(labels.byType, 'type', report.byType),
    breakdown(labels.byCategory, 'category', report.byCategory),
    breakdown(labels.byChannel, 'channel', report.byChannel),
    breakdown(labels.byUnit, 'unit', report.byUnit),
    breakdown(labels.byMonth, 'month', report.byMonth),
    {
      title: labels.ageing,
      head: [labels.ageDays, labels.backlog],
      rows: report.ageing.map((bucket) => [bucket.key, bucket.backlog.value]),
    },
    {
      title: labels.satisfaction,
      head: [labels.rating, labels.rated],
      rows: satisfaction.distribution.map((entry) => [String(entry.rating), entry.rated.value]),
    },
  ];
}

function headerLines(
  report: PeriodicReport,
  language: Language,
  header: ReportHeader,
  filterNames: ExportFilterNames,
): string[] {
  const labels = exportLabels(language);
  const lines = [
    `${header.division}, ${header.organisation}`,
    labels.title,
    `${labels.period}: ${formatDay(report.period.from)} – ${formatDay(report.period.to)}`,
  ];
  if (filterNames.campus !== undefined) lines.push(`${labels.campus}: ${filterNames.campus}`);
  lines.push(`${labels.generated}: ${formatInstant(report.generatedAt, language)}`);
  lines.push(labels.timeMeasure);
  return lines;
}

/** Writes the report as an XLSX workbook with one sheet, tables one under another. */
export async function periodicReportXlsx(
  report: PeriodicReport,
  language: Language,
  header: ReportHeader = defaultReportHeader,
  filterNames: ExportFilterNames = {},
): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = header.division;
  workbook.created = new Date(report.generatedAt);
  const sheet = workbook.addWorksheet(exportLabels(language).summary);
  const text = (value: Cell) => (typeof value === 'string' ? neutraliseFormula(value) : value);

  headerLines(report, language, header, filterNames).forEach((line, index) => {
    const row = sheet.addRow([text(line)]);
    if (index < 2) row.font = { bold: true, size: index === 0 ? 14 : 12 };
  });
  for (const table of reportTables(report, language)) {
    sheet.addRow([]);
    sheet.addRow([text(table.title)]).font = { bold: true };
    sheet.addRow(table.head.map(text)).font = { bold: true };
    for (const cells of table.rows) sheet.addRow(cells.map(text));
  }
  sheet.getColumn(1).width = 42;
  for (const column of [2, 3, 4]) sheet.getColumn(column).width = 18;

  return Buffer.from(await workbook.xlsx.writeBuffer());
}

let fontsReady = false;

/** Points pdfmake at the Roboto files it ships and forbids it every other file and URL. */
function preparePdfFonts(): void {
  if (fontsReady) return;
  const require = createRequire(import.meta.url);
  const fontDir = join(
    dirname(require.resolve('pdfmake/package.json')),
    'build',
    'fonts',
    'Roboto',
  );
  pdfmake.setFonts({
    Roboto: {
      normal: join(fontDir, 'Roboto-Regular.ttf'),
      bold: join(fontDir, 'Roboto-Medium.ttf'),
      italics: join(fontDir, 'Roboto-Italic.ttf'),
      bolditalics: join(fontDir, 'Roboto-MediumItalic.ttf'),
    },
  });
  pdfmake.setLocalAccessPolicy((path) => path.startsWith(fontDir));
  pdfmake.setUrlAccessPolicy(() => false);
  fontsReady = true;
}

/** Left-aligns the first column of a table, which names the row, and right-aligns the figures. */
const align = (column: number) => (column === 0 ? ('left' as const) : ('right' as const));

/** Writes the report as an A4 PDF. */
export async function periodicReportPdf(
  report: PeriodicReport,
  language: Language,
  header: ReportHeader = defaultReportHeader,
  filterNames: ExportFilterNames = {},
): Promise<Buffer> {
  preparePdfFonts();
  const [organisation, title, ...details] = headerLines(report, language, header, filterNames);
  const content: Content[] = [
    { text: organisation ?? '', style: 'organisation' },
    { text: title ?? '', style: 'title' },
    ...details.map((line): Content => ({ text: line, style: 'detail' })),
  ];
  for (const table of reportTables(report, language)) {
    content.push({ text: table.title, style: 'section' });
    content.push({
      table: {
        headerRows: 1,
        widths: table.head.map((_, index) => (index === 0 ? '*' : 'auto')),
        body: [
          table.head.map((cell, index) => ({ text: cell, bold: true, alignment: align(index) })),
          ...table.rows.map((cells) =>
            cells.map((cell, index) => ({
              text: cell === null ? '–' : String(cell),
              alignment: align(index),
            })),
          ),
        ],
      },
      layout: 'lightHorizontalLines',
    });
  }
  const definition: TDocumentDefinitions = {
    pageSize: 'A4',
    pageMargins: [40, 40, 40, 40],
    info: { title: title ?? '', creator: header.division },
    content,
    defaultStyle: { font: 'Roboto', fontSize: 9 },
    styles: {
      organisation: { fontSize: 14, bold: true },
      title: { fontSize: 12, bold: true, margin: [0, 2, 0, 4] },
      detail: { fontSize: 8, color: '#444444' },
      section: { fontSize: 10, bold: true, margin: [0, 10, 0, 4] },
    },
  };
  return pdfmake.createPdf(definition).getBuffer();
}
