/**
 * The value thresholds of the ICT project contract: the procurement method, the approval
 * authority and the performance security at values either side of each threshold.
 */
import { describe, expect, it } from 'vitest';
import {
  approvalAuthorityFor,
  ictProjectThresholds,
  performanceSecurityFor,
  procurementDocumentsFor,
  procurementMethodFor,
  refundScheduleOf,
} from '../../common/ict-project';

describe('procurement method by value', () => {
  const { quotationAbove, tenderAbove } = ictProjectThresholds.procurement;

  it.each([
    [quotationAbove, 'directPurchase'],
    [quotationAbove + 0.01, 'quotation'],
    [tenderAbove, 'quotation'],
    [tenderAbove + 0.01, 'tender'],
  ] as const)('value %d uses %s', (value, method) => {
    expect(procurementMethodFor(value)).toBe(method);
  });

  it('direct purchase needs no documents', () => {
    expect(procurementDocumentsFor('directPurchase', 'documentsReady')).toEqual([]);
    expect(procurementDocumentsFor('directPurchase', 'evaluate')).toEqual([]);
  });

  it('quotation and tender need their documents', () => {
    expect(procurementDocumentsFor('quotation', 'documentsReady')).toEqual(['quotationDocument']);
    expect(procurementDocumentsFor('tender', 'documentsReady')).toEqual(['tenderDocument']);
    expect(procurementDocumentsFor('tender', 'evaluate')).toEqual(['evaluationReport']);
  });
});

describe('approval authority by value', () => {
  const { university, kpt, mampu } = ictProjectThresholds.approval;

  it.each([
    [university - 0.01, 'division'],
    [university, 'university'],
    [kpt - 0.01, 'university'],
    [kpt, 'kpt'],
    [mampu - 0.01, 'kpt'],
    [mampu, 'mampu'],
  ] as const)('value %d goes to %s', (value, authority) => {
    expect(approvalAuthorityFor(value)).toBe(authority);
  });
});

describe('performance security by value', () => {
  it('none is required up to 200,000', () => {
    expect(performanceSecurityFor(200_000, 'bond')).toBeNull();
    expect(performanceSecurityFor(200_000, 'retention')).toBeNull();
  });

  it('bond is 2.5% up to 500,000', () => {
    expect(performanceSecurityFor(200_000.01, 'bond')?.amount).toBe(5_000);
    expect(performanceSecurityFor(500_000, 'bond')?.amount).toBe(12_500);
  });

  it('bond is 5% above 500,000', () => {
    expect(performanceSecurityFor(500_000.01, 'bond')?.amount).toBe(25_000);
  });

  it('retention is 5% with half at completion', () => {
    const security = performanceSecurityFor(300_000, 'retention');
    expect(security?.amount).toBe(15_000);
    if (!security) return;
    expect(refundScheduleOf(security)).toEqual({ atCompletion: 7_500, final: 7_500 });
  });

  it('bond is refunded whole after the period', () => {
    expect(refundScheduleOf({ kind: 'bond', amount: 12_500 })).toEqual({
      atCompletion: 0,
      final: 12_500,
    });
  });
});
