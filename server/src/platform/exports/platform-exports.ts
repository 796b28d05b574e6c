import { auditExport } from '../audit/audit.export.ts';
import type { ListExport } from './list-export.ts';

/** The platform's own list exports, beside the modules': their jobs run and their files are served alike. */
export const platformExports: readonly ListExport[] = [auditExport.registration];
