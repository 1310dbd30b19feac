/**
 * The charter report as a table, written as CSV or XLSX in Malay or English. Every text cell is
 * neutralised against spreadsheet formula injection: a cell that starts with `=`, `+`, `-`, `@`,
 * a tab or a carriage return gets a leading apostrophe, so a spreadsheet shows it as text.
 */
import ExcelJS from 'exceljs';
import type { Language } from '../../common/enums';
import type { CharterReport, NamedRef, TargetCounts } from './charter';

export type Cell = string | number | null;

const formulaStart = /^[=+\-@\t\r]/;

/** Returns the text with a leading apostrophe when a spreadsheet could read it as a formula. */
export function neutraliseCell(text: string): string {
  return formulaStart.test(text) ? `'${text}` : text;
}

const headers: Record<Language, string[]> = {
  ms: [
    'Keutamaan',
    'Unit',
    'Kategori',
    'Kes',
    'Respons pertama: dipenuhi',
    'Respons pertama: dilanggar',
    'Respons pertama: belum selesai',
    'Respons pertama: peratus dipenuhi',
    'Penyelesaian: dipenuhi',
    'Penyelesaian: dilanggar',
    'Penyelesaian: belum selesai',
    'Penyelesaian: peratus dipenuhi',
  ],
  en: [
    'Priority',
    'Unit',
    'Category',
    'Cases',
    'First response: met',
    'First response: breached',
    'First response: pending',
    'First response: percent met',
    'Resolution: met',
    'Resolution: breached',
    'Resolution: pending',
    'Resolution: percent met',
  ],
};

const totalLabel: Record<Language, string> = { ms: 'Jumlah', en: 'Total' };
const noneLabel: Record<Language, string> = { ms: '(tiada)', en: '(none)' };

function nameOf(ref: NamedRef | null, language: Language): string {
  if (!ref) return noneLabel[language];
  return language === 'ms' ? ref.nameMs : ref.nameEn;
}

function percent(share: number | null): Cell {
  return share === null ? null : Math.round(share * 1000) / 10;
}

function countCells(counts: TargetCounts): Cell[] {
  return [counts.met, counts.breached, counts.pending, percent(counts.share)];
}

/** Builds the report's rows with a header row first and a total row last. */
export function charterTable(report: CharterReport, language: Language): Cell[][] {
  const body = report.rows.map((row): Cell[] => [
    row.priority,
    nameOf(row.unit, language),
    nameOf(row.category, language),
    row.cases,
    ...countCells(row.firstResponse),
    ...countCells(row.resolution),
  ]);
  const total: Cell[] = [
    totalLabel[language],
    '',
    '',
    report.totals.cases,
    ...countCells(report.totals.firstResponse),
    ...countCells(report.totals.resolution),
  ];
  return [headers[language], ...body, total];
}

function csvField(cell: Cell): string {
  if (cell === null) return '';
  if (typeof cell === 'number') return String(cell);
  const text = neutraliseCell(cell);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** Writes rows as RFC 4180 CSV with CRLF line ends and a UTF-8 byte order mark for Excel. */
export function toCsv(rows: readonly Cell[][]): string {
  return `\uFEFF${rows.map((row) => row.map(csvField).join(',')).join('\r\n')}\r\n`;
}

/** Writes rows as one XLSX worksheet; text cells are neutralised like the CSV's. */
export async function toXlsx(rows: readonly Cell[][], sheetName: string): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(sheetName);
  for (const row of rows) {
    sheet.addRow(row.map((cell) => (typeof cell === 'string' ? neutraliseCell(cell) : cell)));
  }
  sheet.getRow(1).font = { bold: true };
  const data = await workbook.xlsx.writeBuffer();
  return Buffer.from(data);
}
