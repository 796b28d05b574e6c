import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Kysely, Migration } from 'kysely';
import type { ModuleContract, Permission, Role, WorkbenchCounter } from '@gonghui/contracts';
import type { Database } from '../db/schema.ts';
import type { Actor } from './auth/actor.ts';
import type { JobHandler } from './jobs/job.runner.ts';
import type { ListExport } from './exports/list-export.ts';
import type { Scope } from './scope.ts';
import type { AuditTargetReader } from './audit/audit-names.ts';

/** A figure a module shows on the workbench, counted in the caller's scope when the workbench opens. */
export interface WorkbenchCounterSource extends Omit<WorkbenchCounter, 'value'> {
  /** Shown only to roles holding this permission. */
  permission: Permission;
  count(db: Kysely<Database>, actor: Actor, scope: Scope): Promise<number>;
}

/**
 * What a module gives the app, exported as `module` from `server/src/modules/<name>/index.ts` and listed
 * once in `server/src/modules/index.ts`. The app, the job runner, the role table, the migrator and the
 * demo loader loop over that list; nothing else outside the module's folder names it.
 */
export interface GonghuiModule {
  /** The module's folder name, e.g. `employers`. */
  name: string;
  /** Fastify plugins holding its routes (each route declares its access). */
  routes: FastifyPluginAsyncZod[];
  /** The permissions it adds, and which roles hold each. */
  grants: Partial<Record<Permission, readonly Role[]>>;
  /** Its contract (`contracts/src/<name>.ts`): its permission names and how its audit entries read. */
  contract: ModuleContract;
  /** Background job kinds and their handlers. */
  jobs?: Record<string, JobHandler>;
  /**
   * Its list exports (`listExport(…).registration`): the job runner runs their jobs, and their files are
   * served under `/api/exports/{id}` to whoever may read the list.
   */
  exports?: readonly ListExport[];
  /**
   * Its schema changes, by name. Applied names never change; a new one is named by its timestamp
   * (`20261201T1000_what_it_does`), so two modules built side by side cannot collide.
   */
  migrations?: Record<string, Migration>;
  /**
   * How the audit log names its records, by kind of record (`entityType`): e.g. a case by its number, a
   * person by the masked name. A kind without a reader reads as 「类型 #id」.
   */
  auditTargets?: Readonly<Record<string, AuditTargetReader>>;
  /** Its figures on the workbench; keep each one a cheap count (it runs whenever the workbench opens). */
  counters?: WorkbenchCounterSource[];
  /** Adds its part of the demo city, after the union tree and the modules listed before it. */
  demo?: (db: Kysely<Database>) => Promise<unknown>;
  /**
   * Job kinds (among its `jobs`) that `npm start` queues once it has loaded the demo city: the large rest of
   * the module's demo, loaded by the started server, so the first start stays quick. Tests never queue them.
   */
  demoJobs?: readonly string[];
}
