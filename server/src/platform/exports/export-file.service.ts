import type { Readable } from 'node:stream';
import type { Kysely } from 'kysely';
import type { ExportJob } from '@gonghui/contracts';
import type { Database } from '../../db/schema.ts';
import type { Actor } from '../auth/actor.ts';
import { roleAllows } from '../auth/permissions.ts';
import { audit } from '../audit/audit.ts';
import { conflict, notFound } from '../http/errors.ts';
import { scopeOf } from '../scope.ts';
import { exportFileRepository as repo } from './export-file.repository.ts';
import type { ListExport } from './list-export.ts';

type Db = Kysely<Database>;

/** An export the caller may read: in their scope, of a kind whose list their role may read; else 404. */
async function readable(db: Db, actor: Actor, id: number, exports: readonly ListExport[]) {
  const kinds = exports.filter((e) => roleAllows(actor.role, e.permission)).map((e) => e.kind);
  const found = await repo.present(db, id, await scopeOf(db, actor), kinds);
  if (!found) throw notFound('导出记录');
  return found;
}

/** Export jobs' progress and files, for any module's list export. */
export const exportFileService = {
  async get(db: Db, actor: Actor, id: number, exports: readonly ListExport[]): Promise<ExportJob> {
    return (await readable(db, actor, id, exports)).job;
  },

  /** The finished file of an export the caller may read; every download is audited. */
  async file(
    db: Db,
    actor: Actor,
    id: number,
    exports: readonly ListExport[],
  ): Promise<{ fileName: string; stream: Readable }> {
    const { job, kind, scopePath } = await readable(db, actor, id, exports);
    if (job.status !== 'done') {
      throw conflict(job.status === 'failed' ? '导出失败，请重新导出' : '导出尚未完成，请稍候再下载');
    }
    await audit(db, actor, {
      action: exports.find((e) => e.kind === kind)!.downloadAction,
      entityType: 'export_file',
      entityId: id,
      scopePath,
      after: { fileName: job.fileName, rows: job.total, bytes: job.sizeBytes },
    });
    return { fileName: job.fileName, stream: repo.content(db, id) };
  },
};
