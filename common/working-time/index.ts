/**
 * Working time of a calendar: office hours per weekday with several ranges a day, weekends that
 * change on a date, holidays and special periods such as Ramadan, in the calendar's time zone.
 * Pure and deterministic: no I/O, no clock, so activities, workflows' helpers and the web app may
 * import it.
 */
export * from './types';
export * from './engine';
export * from './presets';
export { dateOfDay, dayOfDate, formatTimeOfDay, parseTimeOfDay } from './zone';
