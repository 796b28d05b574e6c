import type { Kysely, Transaction } from 'kysely';
import {
  ATTACHMENT_MAX_BYTES,
  attachmentKinds,
  type AttachmentExtension,
  type AttachmentInfo,
} from '@gonghui/contracts';
import type { Database } from '../../db/schema.ts';
import type { Actor } from '../auth/actor.ts';
import { audit } from '../audit/audit.ts';
import { invalid, notFound } from '../http/errors.ts';
import { scopeOf } from '../scope.ts';
import { controlCharacterAt } from '../http/control-characters.ts';
import { attachmentRepository as repo } from './attachment.repository.ts';

type Db = Kysely<Database> | Transaction<Database>;

/** The record a file belongs to: its kind (`assistance_case` …), its id and the path of its unit. */
export interface AttachmentOwner {
  type: string;
  id: number;
  scopePath: string;
}

/** How each kind's files begin (PDF `%PDF`, PNG's signature, JPEG's SOI marker, .docx/.xlsx a ZIP). */
const signatures: Record<AttachmentExtension, number[]> = {
  pdf: [0x25, 0x50, 0x44, 0x46],
  jpg: [0xff, 0xd8, 0xff],
  jpeg: [0xff, 0xd8, 0xff],
  png: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a],
  docx: [0x50, 0x4b, 0x03, 0x04],
  xlsx: [0x50, 0x4b, 0x03, 0x04],
};

const allowedNames = Object.values(attachmentKinds)
  .map((k) => k.label)
  .filter((l, i, all) => all.indexOf(l) === i)
  .join('、');

/** Checks a file before it is kept: its name, its kind by extension, that its bytes are of that kind, its size. */
export function checkAttachment(fileName: string, content: Buffer): { extension: AttachmentExtension } {
  const name = fileName.trim();
  if (!name || name.length > 200 || controlCharacterAt(name) !== null || /[\\/]/.test(name))
    throw invalid([
      { field: 'fileName', message: '文件名不能为空、不能超过 200 个字，也不能含有斜杠或控制字符' },
    ]);
  const extension = /\.([A-Za-z0-9]+)$/.exec(name)?.[1].toLowerCase();
  if (!extension || !(extension in attachmentKinds))
    throw invalid([{ field: 'fileName', message: `只能上传以下类型的附件：${allowedNames}` }]);
  const ext = extension as AttachmentExtension;
  if (content.length === 0) throw invalid([{ field: 'file', message: '上传的文件是空的' }]);
  if (content.length > ATTACHMENT_MAX_BYTES)
    throw invalid([{ field: 'file', message: `附件不能超过 ${ATTACHMENT_MAX_BYTES / 1024 / 1024} MB` }]);
  if (!signatures[ext].every((b, i) => content[i] === b))
    throw invalid([
      {
        field: 'file',
        message: `文件内容不是${attachmentKinds[ext].label}，请检查文件是否损坏或扩展名是否正确`,
      },
    ]);
  return { extension: ext };
}

const present = (r: {
  id: number;
  fileName: string;
  contentType: string;
  sizeBytes: number;
  createdAt: Date;
}) => ({
  id: r.id,
  fileName: r.fileName,
  contentType: r.contentType,
  sizeBytes: r.sizeBytes,
  createdAt: new Date(r.createdAt).toISOString(),
});

/**
 * The one place files are kept with records. The owning module checks that the caller may change the
 * record and gives its unit's path; the store checks the file, keeps it and audits it. Reads and downloads
 * are limited to the caller's scope, and every download is audited.
 */
export const attachmentService = {
  async store(db: Db, actor: Actor, owner: AttachmentOwner, fileName: string, content: Buffer) {
    const { extension } = checkAttachment(fileName, content);
    const id = await repo.insert(db, {
      owner_type: owner.type,
      owner_id: owner.id,
      file_name: fileName.trim(),
      content_type: attachmentKinds[extension].contentType,
      size_bytes: content.length,
      content,
      scope_path: owner.scopePath,
      created_by: actor.userId || null,
    });
    const after = {
      id,
      ownerType: owner.type,
      ownerId: owner.id,
      fileName: fileName.trim(),
      sizeBytes: content.length,
    };
    await audit(db, actor, {
      action: 'attachment.create',
      entityType: 'attachment',
      entityId: id,
      scopePath: owner.scopePath,
      after,
    });
    return id;
  },

  async list(db: Db, actor: Actor, ownerType: string, ownerId: number): Promise<AttachmentInfo[]> {
    return (await repo.listOf(db, await scopeOf(db, actor), ownerType, ownerId)).map(present);
  },

  /** The file for a download, audited; outside the caller's scope it is "not found" like a missing one. */
  async download(db: Kysely<Database>, actor: Actor, id: number) {
    return db.transaction().execute(async (trx) => {
      const found = await repo.findWithContent(trx, await scopeOf(trx, actor), id);
      if (!found) throw notFound('附件');
      await audit(trx, actor, {
        action: 'attachment.download',
        entityType: 'attachment',
        entityId: id,
        scopePath: found.scopePath,
        after: { ownerType: found.ownerType, ownerId: found.ownerId, fileName: found.fileName },
      });
      return { ...present(found), content: Buffer.from(found.content) };
    });
  },

  /** Removes a file; the owning module has checked that the caller may change the record. */
  async remove(db: Db, actor: Actor, id: number) {
    const found = await repo.findWithContent(db, await scopeOf(db, actor), id);
    if (!found) throw notFound('附件');
    await repo.delete(db, id);
    await audit(db, actor, {
      action: 'attachment.delete',
      entityType: 'attachment',
      entityId: id,
      scopePath: found.scopePath,
      before: {
        ownerType: found.ownerType,
        ownerId: found.ownerId,
        fileName: found.fileName,
        sizeBytes: found.sizeBytes,
      },
    });
  },
};
