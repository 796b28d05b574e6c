export * from './common.ts';
export * from './errors.ts';
export * from './auth.ts';
export * from './orgs.ts';
export * from './users.ts';
export * from './audit.ts';
