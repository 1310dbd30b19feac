export * from './identity';
export * from './catalogue';
export * from './cases';
export * from './notifications';
export * from './calendars';
