/** Every workflow the worker registers; the bundler starts from this file. */
export { complaint } from './complaint';
export { recomputeDeadlines } from './recompute-deadlines';
export { approvalChain } from './approval-chain';
export { facilityRequest } from './facility-request';
export { facilityLoan } from './facility-loan';
export { ceremonySupport } from './ceremony-support';
export { mailIntake } from './mail-intake';
export { dailyDigest } from './daily-digest';
export { surveyDispatch } from './survey-dispatch';
export { ictProject } from './ict-project';
export { procurement } from './procurement';
export { guaranteeRefund } from './guarantee-refund';
export { csiCampaign } from './csi-campaign';
export { reportMailing } from './report-mailing';
