import { Readable } from 'node:stream';
import type { Kysely } from 'kysely';
import type { PaidImportResult } from '@gonghui/contracts';
import type { Database } from '../../../db/schema.ts';
import type { Actor } from '../../../platform/auth/actor.ts';
import { audit } from '../../../platform/audit/audit.ts';
import { AppError, conflict, invalid, notFound } from '../../../platform/http/errors.ts';
import { readUpload, requireSheetFormat } from '../../../platform/imports/import.upload.ts';
import { today } from '../../../platform/orgs/dates.ts';
import { personalData } from '../../../platform/personal-data/personal-data.ts';
import { scopeOf } from '../../../platform/scope.ts';
import { firstSheetRows } from '../../../platform/spreadsheet/workbook-reader.ts';
import { modelWorkerDb } from '../model-workers.definitions.ts';
import { cellText, sheetBytes, yuan, type SheetColumn } from '../model-workers.sheet.ts';
import { rollRepository as repo } from './roll.repository.ts';

type Db = Kysely<Database>;
const ROLL = '劳模补助名册';
const LIMIT = { maxBytes: 20 * 1024 * 1024, tooLarge: '文件过大：银行回单最大 20 MB' };

interface BankRow {
  no: number;
  workerId: number;
  name: string;
  bankName: string;
  account: string;
  amountFen: number;
}

/** The bank's columns; the returned file keeps them and adds its result and a note. */
export const BANK_HEADERS = {
  no: '序号',
  workerId: '劳模编号',
  name: '户名',
  bankName: '开户银行',
  account: '银行账号',
  amount: '金额（元）',
  result: '发放结果',
  note: '备注',
} as const;

const columns: SheetColumn<BankRow>[] = [
  { header: BANK_HEADERS.no, width: 6, value: (r) => r.no },
  { header: BANK_HEADERS.workerId, width: 10, value: (r) => r.workerId },
  { header: BANK_HEADERS.name, width: 12, value: (r) => r.name },
  { header: BANK_HEADERS.bankName, width: 20, value: (r) => r.bankName },
  { header: BANK_HEADERS.account, width: 26, value: (r) => r.account },
  { header: BANK_HEADERS.amount, width: 12, numFmt: '0.00', value: (r) => yuan(r.amountFen) },
  { header: BANK_HEADERS.result, width: 10, value: () => '' },
  { header: BANK_HEADERS.note, width: 20, value: () => '' },
];

async function approvedRoll(db: Db, actor: Actor, id: number) {
  const roll = await repo.find(modelWorkerDb(db), id, await scopeOf(db, actor));
  if (!roll) throw notFound(ROLL);
  if (roll.status !== 'approved') throw conflict('名册尚未审批，不能导出银行文件或登记发放');
  return roll;
}

/** The bank file of an approved roll and what a bank's returned copy of it records. */
export const rollBankService = {
  /**
   * The .xlsx for the bank: every line with a bank account, the account in clear (the only place it is),
   * audited with the reason given.
   */
  async bankFile(db: Db, actor: Actor, id: number, reason: string) {
    return db.transaction().execute(async (trx) => {
      const roll = await approvedRoll(trx, actor, id);
      const cipher = personalData();
      const lines = await repo.allLines(modelWorkerDb(trx), id, true);
      const rows: BankRow[] = lines
        .filter((l) => l.bankAccountCipher)
        .map((l, i) => ({
          no: i + 1,
          workerId: l.workerId,
          name: l.name,
          bankName: l.bankName ?? '',
          account: cipher.decrypt(l.bankAccountCipher!),
          amountFen: l.amountFen,
        }));
      const fileName = `${roll.title}-银行代发-${today()}.xlsx`;
      await audit(trx, actor, {
        action: 'subsidy_roll.bank_export',
        entityType: 'subsidy_roll',
        entityId: id,
        scopePath: roll.orgUnitPath,
        after: { reason, lines: rows.length, fileName },
      });
      return { fileName, content: await sheetBytes('银行代发', columns, rows) };
    });
  },

  /**
   * Records paid or failed for each line of the bank's returned file. Every row is checked first (the
   * recipient is a line of this roll, the account and the amount are those sent); one faulty row and
   * nothing is recorded, and the answer names each faulty row.
   */
  async recordReturn(
    db: Db,
    actor: Actor,
    id: number,
    fileName: string,
    body: AsyncIterable<Buffer>,
    paidOn = today(),
  ) {
    requireSheetFormat(fileName, 'fileName');
    if (!fileName.toLowerCase().endsWith('.xlsx'))
      throw invalid([{ field: 'fileName', message: '银行回单请上传 .xlsx 文件' }]);
    const content = await readUpload(body, LIMIT);
    return db.transaction().execute(async (trx): Promise<PaidImportResult> => {
      const roll = await approvedRoll(trx, actor, id);
      const cipher = personalData();
      const mdb = modelWorkerDb(trx);
      const lines = new Map((await repo.allLines(mdb, id, true)).map((l) => [l.workerId, l]));
      const problems: Array<{ field: string; message: string }> = [];
      const results: Array<{ workerId: number; status: 'paid' | 'failed'; note: string | null }> = [];
      let header: string[] | null = null;
      const seen = new Set<number>();
      try {
        for await (const { rowNo, values } of firstSheetRows(Readable.from([content]), cellText)) {
          if (!header) {
            header = values;
            const missing = [
              BANK_HEADERS.workerId,
              BANK_HEADERS.account,
              BANK_HEADERS.amount,
              BANK_HEADERS.result,
            ].filter((h) => !values.includes(h));
            if (missing.length > 0)
              throw invalid([
                { field: 'file', message: `回单缺少列：${missing.join('、')}（请用导出的银行文件填写）` },
              ]);
            continue;
          }
          const at = (h: string) => values[header!.indexOf(h)] ?? '';
          const say = (message: string) =>
            problems.push({ field: `row${rowNo}`, message: `第 ${rowNo} 行：${message}` });
          const workerId = Number(at(BANK_HEADERS.workerId));
          const line = Number.isInteger(workerId) ? lines.get(workerId) : undefined;
          if (!line) {
            say(`劳模编号「${at(BANK_HEADERS.workerId)}」不在本名册中`);
            continue;
          }
          if (seen.has(workerId)) {
            say(`劳模编号 ${workerId} 重复出现`);
            continue;
          }
          seen.add(workerId);
          const account = at(BANK_HEADERS.account).replace(/\s/g, '');
          if (!line.bankAccountCipher || cipher.decrypt(line.bankAccountCipher) !== account)
            say(`${line.name}的银行账号与发出的文件不一致`);
          const amount = Math.round(Number(at(BANK_HEADERS.amount)) * 100);
          if (amount !== line.amountFen)
            say(`${line.name}的金额与名册不一致（名册为 ${(line.amountFen / 100).toFixed(2)} 元）`);
          const result = at(BANK_HEADERS.result);
          if (result !== '成功' && result !== '失败') {
            say(`发放结果应为「成功」或「失败」，而不是「${result}」`);
            continue;
          }
          const note = at(BANK_HEADERS.note).slice(0, 200) || null;
          results.push({ workerId, status: result === '成功' ? 'paid' : 'failed', note });
        }
      } catch (e) {
        if (e instanceof AppError) throw e;
        throw invalid([{ field: 'file', message: '文件无法读取，请上传银行返回的 .xlsx 文件' }]);
      }
      if (!header) throw invalid([{ field: 'file', message: '回单中没有数据' }]);
      if (problems.length > 0) throw invalid(problems.slice(0, 200));
      let paid = 0;
      let failed = 0;
      let unchanged = 0;
      for (const r of results) {
        const line = lines.get(r.workerId)!;
        if (line.paidStatus === r.status) {
          unchanged += 1;
          continue;
        }
        if (line.paidStatus === 'paid') {
          unchanged += 1;
          continue;
        }
        await repo.setPaid(mdb, id, r.workerId, r.status, paidOn, r.note);
        if (r.status === 'paid') paid += 1;
        else failed += 1;
      }
      const result = { paid, failed, unchanged };
      await audit(trx, actor, {
        action: 'subsidy_roll.paid_import',
        entityType: 'subsidy_roll',
        entityId: id,
        scopePath: roll.orgUnitPath,
        after: { ...result, fileName },
      });
      return result;
    });
  },
};
