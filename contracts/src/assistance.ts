/** The assistance module's contracts, one file per subject. */
export * from './assistance-cases.ts';
export * from './assistance-handlers.ts';
export * from './assistance-hardship.ts';
export * from './assistance-types.ts';
export * from './assistance-handling.ts';
export * from './assistance-specifics.ts';
export * from './assistance-dashboard.ts';
export * from './assistance-insurance.ts';
export { assistanceContract } from './assistance-audit.ts';
