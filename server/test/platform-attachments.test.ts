import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ATTACHMENT_MAX_BYTES } from '@gonghui/contracts';
import { buildTestApp, login, type Client, type TestApp } from './app.ts';
import { systemActor, type Actor } from '../src/platform/auth/actor.ts';
import { attachmentService, checkAttachment } from '../src/platform/attachments/attachment.service.ts';
import { recordLinkService } from '../src/platform/links/record-link.service.ts';
import { auditScopeOfUnit } from '../src/platform/audit/audit.ts';

let t: TestApp;
let dongbang: Client;
let taicang: Client;
let admin: Client;
let dongbangActor: Actor;
let taicangActor: Actor;
let dongbangPath: string;
let taicangPath: string;

const pdf = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(200, 0x20), Buffer.from('%%EOF\n')]);

async function unitId(code: string) {
  return (
    await t.handle.db
      .selectFrom('org_unit')
      .select('id')
      .where('division_code', '=', code)
      .executeTakeFirstOrThrow()
  ).id;
}

beforeAll(async () => {
  t = await buildTestApp();
  [dongbang, taicang, admin] = await Promise.all(
    ['dongbang', 'taicang', 'admin'].map((u) => login(t.app, u)),
  );
  dongbangActor = systemActor(await unitId('320581107'), 'test');
  taicangActor = systemActor(await unitId('320585'), 'test');
  dongbangPath = await auditScopeOfUnit(t.handle.db, dongbangActor.orgUnitId);
  taicangPath = await auditScopeOfUnit(t.handle.db, taicangActor.orgUnitId);
});
afterAll(() => t.close());

describe('the attachment store', () => {
  it('keeps a file with its record, lists it in scope and audits each download', async () => {
    const owner = { type: 'test_record', id: 1, scopePath: dongbangPath };
    const id = await attachmentService.store(t.handle.db, dongbangActor, owner, '情况说明.pdf', pdf);
    expect(await attachmentService.list(t.handle.db, dongbangActor, 'test_record', 1)).toEqual([
      expect.objectContaining({
        id,
        fileName: '情况说明.pdf',
        contentType: 'application/pdf',
        sizeBytes: pdf.length,
      }),
    ]);

    const res = await dongbang.get(`/api/attachments/${id}`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['content-disposition']).toContain(encodeURIComponent('情况说明.pdf'));
    expect(res.rawPayload.equals(pdf)).toBe(true);
    expect((await admin.get(`/api/attachments/${id}`)).statusCode).toBe(200);

    const downloads = await t.handle.db
      .selectFrom('audit_log')
      .select(['username', 'scope_path'])
      .where('action', '=', 'attachment.download')
      .where('entity_id', '=', String(id))
      .orderBy('id')
      .execute();
    expect(downloads).toEqual([
      { username: 'dongbang', scope_path: dongbangPath },
      { username: 'admin', scope_path: dongbangPath },
    ]);
  });

  it('answers another district exactly as for a file that does not exist, and lists nothing to it', async () => {
    const owner = { type: 'test_record', id: 2, scopePath: dongbangPath };
    const id = await attachmentService.store(t.handle.db, dongbangActor, owner, 'a.pdf', pdf);
    const outside = await taicang.get(`/api/attachments/${id}`);
    const missing = await taicang.get('/api/attachments/999999');
    expect(outside.statusCode).toBe(404);
    expect(outside.json()).toEqual(missing.json());
    expect(await attachmentService.list(t.handle.db, taicangActor, 'test_record', 2)).toEqual([]);
    expect((await t.app.inject({ method: 'GET', url: `/api/attachments/${id}` })).statusCode).toBe(401);
  });

  it('refuses a file of another kind, one whose bytes do not match its name, an empty or oversized one', () => {
    const message = (name: string, content: Buffer) => {
      try {
        checkAttachment(name, content);
        return 'accepted';
      } catch (e) {
        return (e as { details?: Array<{ message: string }> }).details?.[0]?.message;
      }
    };
    expect(message('a.exe', pdf)).toMatch(/^只能上传以下类型的附件：PDF、/);
    expect(message('a.png', pdf)).toBe('文件内容不是PNG 图片，请检查文件是否损坏或扩展名是否正确');
    expect(message('a.pdf', Buffer.alloc(0))).toBe('上传的文件是空的');
    expect(message('a.pdf', Buffer.concat([pdf, Buffer.alloc(ATTACHMENT_MAX_BYTES)]))).toBe(
      '附件不能超过 10 MB',
    );
    expect(message('a\u0000.pdf', pdf)).toMatch(/控制字符/);
    expect(message('../a.pdf', pdf)).toMatch(/斜杠/);
    expect(message('说明.PDF', pdf)).toBe('accepted');
  });
});

describe('cross-references between records of two modules', () => {
  it('links two records once, shows the link from both ends in scope, and audits link and unlink', async () => {
    const from = { type: 'lecture_booking', id: 7 };
    const to = { type: 'assistance_case', id: 9 };
    const id = await recordLinkService.link(
      t.handle.db,
      dongbangActor,
      from,
      to,
      dongbangPath,
      '讲座中发现的求助',
    );
    await expect(recordLinkService.link(t.handle.db, dongbangActor, from, to, dongbangPath)).rejects.toThrow(
      '这两条记录已经关联',
    );
    await expect(
      recordLinkService.link(t.handle.db, dongbangActor, from, from, dongbangPath),
    ).rejects.toThrow('不能把记录关联到它自身');
    expect(await recordLinkService.linksOf(t.handle.db, dongbangActor, from)).toEqual([
      expect.objectContaining({ id, other: to, direction: 'outgoing', note: '讲座中发现的求助' }),
    ]);
    expect(await recordLinkService.linksOf(t.handle.db, dongbangActor, to)).toEqual([
      expect.objectContaining({ id, other: from, direction: 'incoming' }),
    ]);
    expect(await recordLinkService.linksOf(t.handle.db, taicangActor, to)).toEqual([]);
    await expect(recordLinkService.unlink(t.handle.db, taicangActor, id)).rejects.toThrow('记录关联不存在');
    await recordLinkService.unlink(t.handle.db, dongbangActor, id);
    expect(await recordLinkService.linksOf(t.handle.db, dongbangActor, from)).toEqual([]);
    const actions = await t.handle.db
      .selectFrom('audit_log')
      .select('action')
      .where('entity_type', '=', 'record_link')
      .where('entity_id', '=', String(id))
      .orderBy('id')
      .execute();
    expect(actions.map((a) => a.action)).toEqual(['link.create', 'link.delete']);
    expect(taicangPath).not.toBe(dongbangPath);
  });

  it("answers a record's links through the API, naming the other end as the audit log does, in scope only", async () => {
    const employer = await t.handle.db
      .selectFrom('employer')
      .select(['id', 'name'])
      .orderBy('id')
      .limit(1)
      .executeTakeFirstOrThrow();
    const from = { type: 'lecture_booking', id: 8 };
    const to = { type: 'employer', id: employer.id };
    const id = await recordLinkService.link(t.handle.db, dongbangActor, from, to, dongbangPath, '转介');
    const res = await dongbang.get(`/api/record-links?type=lecture_booking&id=8`);
    expect(res.statusCode).toBe(200);
    expect(res.json().items).toEqual([
      expect.objectContaining({
        id,
        other: to,
        otherKind: '单位',
        otherName: employer.name,
        direction: 'outgoing',
        note: '转介',
      }),
    ]);
    const back = (await dongbang.get(`/api/record-links?type=employer&id=${employer.id}`)).json().items;
    expect(back).toEqual([expect.objectContaining({ other: from, direction: 'incoming', otherName: null })]);
    expect((await taicang.get(`/api/record-links?type=lecture_booking&id=8`)).json().items).toEqual([]);
    for (const bad of ['type=Lecture&id=8', 'type=a%00b&id=8', 'type=lecture_booking&id=x', 'id=8']) {
      const refused = await dongbang.get(`/api/record-links?${bad}`);
      expect(refused.statusCode, bad).toBe(400);
      expect(refused.json().error.message).toMatch(/[\u4e00-\u9fa5]/);
    }
  });
});
