import {
  educationLevels,
  maskResidentId,
  memberName,
  memberStatusLabels,
  normalisePhone,
  phoneProblem,
  registryIdOf,
  registryNumber,
  type MemberStatus,
  type ResidentId,
} from '@gonghui/contracts';
import type { Selectable } from 'kysely';
import type { MemberImportHeldTable, MemberImportRowTable } from '../../../db/schema.ts';
import type { PersonalDataCipher } from '../../../platform/personal-data/personal-data.ts';
import { checkResidentId } from '../../../platform/personal-data/resident-id.ts';
import { nameKeys } from '../registry/member.names.ts';
import type { RosterRow, SheetLine } from './member.sheet.ts';

export interface RowProblem {
  rowNo: number;
  name: string;
  residentIdMasked: string;
  message: string;
}

/**
 * What the checker needs from the database for one batch of rows, fetched in a few set queries. Hashes are
 * hex text: that is how they are looked up, compared and written, and it crosses a thread boundary as is.
 */
export interface BatchFacts {
  employers: Map<string, { id: number; name: string; closedOn: string | null; inScope: boolean }>;
  /** Live memberships by ID hash, anywhere. */
  liveByHash: Map<string, KnownMember>;
  /** Members named by registry number, within the importer's scope. */
  byRegistry: Map<number, KnownMember & { hash: string }>;
  /** The latest membership of people who left (退会), by ID hash: a roster may enrol them again. */
  leftByHash: Map<string, number>;
}

/** A member the file names, with the union holding the membership now. */
export interface KnownMember {
  id: number;
  name: string;
  orgUnitId: number;
  orgUnitName: string;
  status: MemberStatus;
  inScope: boolean;
  phoneHash: string | null;
}

/**
 * A row not applied, listed apart: the person is a live member of another union than the row's, or a
 * known ID carries another name (the row itself waits, staged with hold 'name').
 */
export type HeldRow = Omit<Selectable<MemberImportHeldTable>, 'import_id' | 'transfer_id'>;

/** Bits of `set_mask`: which cells of a row carry a value for an existing member. Empty cells keep theirs. */
export const ROW_SETS = {
  phone: 1,
  ethnicity: 2,
  education: 4,
  householdType: 8,
  migrantWorker: 16,
  newEmploymentForm: 32,
  employer: 64,
} as const;

/** The line a held-elsewhere row shows: the holder named only inside the uploader's scope. */
export function heldElsewhereMessage(holder: KnownMember): string {
  const what = '本行未导入；如需转入，请申请会员关系接转';
  return holder.inScope
    ? `此人已是「${holder.orgUnitName}」的会员（${memberStatusLabels[holder.status]}，会员编号 ${registryNumber(holder.id)}），${what}`
    : `该人员已是其他工会的会员，${what}`;
}

/** A checked row as it is written: personal data sealed, lookup hashes as hex text. */
export type StagedRow = Omit<MemberImportRowTable, 'import_id' | 'resident_id_hash' | 'phone_hash'> & {
  resident_id_hash: string | null;
  phone_hash: string | null;
};

/** A row's resident ID parsed and hashed, an invalid one with its message, or null when not checkable. */
export type RowIdentity =
  ({ ok: true; id: ResidentId; hash: string } | { ok: false; message: string }) | null;

/** The earlier row of the file that repeats this row's ID or registry number, if any. */
export interface RowRepeats {
  idRow: number | null;
  registryRow: number | null;
}

const NAME_CACHE_SIZE = 200_000;

const YES = new Set(['是', 'Y', 'y', '1', 'TRUE', 'true']);
const NO = new Set(['否', 'N', 'n', '0', 'FALSE', 'false', '']);
const HOUSEHOLD = new Map([
  ['城镇户籍', 'urban'],
  ['城镇', 'urban'],
  ['非农业', 'urban'],
  ['农村户籍', 'rural'],
  ['农村', 'rural'],
  ['农业', 'rural'],
] as const);

const live = (s: MemberStatus) => s === 'active' || s === 'retired' || s === 'unemployed';

/**
 * What has to be decided in file order, before rows are checked in parallel: each row's ID parsed and
 * hashed (the hash finds the person in the database), and which earlier row an ID or registry number
 * repeats.
 */
export class RosterIdentities {
  readonly #seenIds = new Map<string, number>();
  readonly #seenRegistry = new Map<number, number>();

  constructor(
    private readonly cipher: PersonalDataCipher,
    private readonly today: string,
  ) {}

  /**
   * The parsed ID of a row and its lookup hash, computed once per row and shared by the batch lookup and
   * the row check; null for a blank, masked or Excel-mangled ID (the check explains those).
   */
  identify(row: RosterRow): RowIdentity {
    if (!row.residentId || row.residentId.includes('*') || row.residentId.startsWith('#NUMBER:')) return null;
    const r = checkResidentId(row.residentId, this.today);
    return r.ok
      ? { ok: true, id: r.id, hash: this.cipher.lookupHash('resident_id', r.id.value).toString('hex') }
      : r;
  }

  /** The earlier rows this one repeats; remembers this row for the rows after it. */
  repeats(line: SheetLine, identity: RowIdentity, facts: BatchFacts): RowRepeats {
    let registryRow: number | null = null;
    const registryId = line.row.registryNo ? registryIdOf(line.row.registryNo) : null;
    const registry = registryId === null ? undefined : facts.byRegistry.get(registryId);
    // Only a number that names a live member counts: any other is reported for what it is.
    if (registryId !== null && registry && live(registry.status)) {
      registryRow = this.#seenRegistry.get(registryId) ?? null;
      if (registryRow === null) this.#seenRegistry.set(registryId, line.rowNo);
    }
    let idRow: number | null = null;
    if (identity?.ok) {
      idRow = this.#seenIds.get(identity.hash) ?? null;
      if (idRow === null) this.#seenIds.set(identity.hash, line.rowNo);
    }
    return { idRow, registryRow };
  }
}

/**
 * Checks one roster row against the facts of its batch and seals what it stores. Holds nothing from row
 * to row but a cache of name keys, so batches can be checked on several threads at once.
 */
export class RowChecker {
  /** Names repeat across a roster; pinyin is the costliest step of a row, so each name is keyed once. */
  readonly #nameKeys = new Map<string, { pinyin: string; initials: string }>();

  constructor(
    private readonly cipher: PersonalDataCipher,
    private readonly defaultUnionId: number,
    private readonly today: string,
    /** Open unions in the importer's scope. */
    private readonly unions: Map<number, string>,
  ) {}

  #keysOf(name: string) {
    let keys = this.#nameKeys.get(name);
    if (!keys) {
      if (this.#nameKeys.size >= NAME_CACHE_SIZE) this.#nameKeys.clear();
      keys = nameKeys(name);
      this.#nameKeys.set(name, keys);
    }
    return keys;
  }

  /**
   * A row ready to write, a row held apart (the person belongs to another union), or what is wrong with
   * it; `seal` false skips the sealing of a row that passes.
   */
  check(
    line: SheetLine,
    identity: RowIdentity,
    repeats: RowRepeats,
    facts: BatchFacts,
    seal = true,
  ):
    | { staged: StagedRow | null; held?: HeldRow; rejoins?: { hash: string; formerId: number } }
    | { held: HeldRow }
    | { problems: RowProblem[] } {
    const { row, rowNo } = line;
    const messages: string[] = [];
    const say = (column: string, message: string) => messages.push(`${column}：${message}`);
    const masked = row.residentId.includes('*');
    const residentIdMasked =
      masked || !row.residentId ? row.residentId : maskResidentId(row.residentId.trim());
    const named = memberName.safeParse(row.name);
    if (!named.success) say('姓名', named.error.issues[0].message);

    let registry: ReturnType<BatchFacts['byRegistry']['get']> | null = null;
    if (row.registryNo) {
      const id = registryIdOf(row.registryNo);
      registry = id === null ? null : (facts.byRegistry.get(id) ?? null);
      if (id === null) say('会员编号', `“${row.registryNo}”不是会员编号（应如 HY00001234）`);
      else if (!registry) say('会员编号', `${row.registryNo} 不存在或不在您的管辖范围内`);
      else if (!live(registry.status))
        say('会员编号', `${row.registryNo} 的会籍已终止（${memberStatusLabels[registry.status]}）`);
      else if (repeats.registryRow !== null) say('会员编号', `与第 ${repeats.registryRow} 行重复`);
    }

    let parsedId: ResidentId | null = null;
    let hash: string | null = null;
    if (masked) {
      if (!row.registryNo)
        say('身份证号码', '是脱敏后的号码，无法识别会员；新会员请填写完整号码，已有会员请保留会员编号');
    } else if (row.residentId.startsWith('#NUMBER:')) {
      say('身份证号码', '被 Excel 存成了数字，末几位已丢失；请把该列设为文本格式后重新填写');
    } else {
      const r = identity ?? checkResidentId(row.residentId, this.today);
      if (!r.ok) say('身份证号码', r.message);
      else {
        parsedId = r.id;
        hash = identity?.ok
          ? identity.hash
          : this.cipher.lookupHash('resident_id', r.id.value).toString('hex');
        if (repeats.idRow !== null) say('身份证号码', `与第 ${repeats.idRow} 行重复`);
        if (registry && registry.hash !== hash)
          say('身份证号码', `与会员编号 ${row.registryNo} 登记的号码不符`);
      }
    }

    // The row belongs to its own union column, else to the union the upload is for; it changes only a
    // member of that union. A person who is a live member anywhere else is held apart, not applied.
    let orgUnitId = this.defaultUnionId;
    if (row.orgUnitId) {
      const n = Number(row.orgUnitId);
      if (!Number.isInteger(n) || !this.unions.has(n))
        say('所属工会编号', `${row.orgUnitId} 不存在、已撤销或不在您的管辖范围内`);
      else orgUnitId = n;
    }
    const holder: KnownMember | null =
      registry && live(registry.status)
        ? registry
        : hash && !row.registryNo
          ? (facts.liveByHash.get(hash) ?? null)
          : null;
    const elsewhere = holder !== null && holder.orgUnitId !== orgUnitId && messages.length === 0;
    const memberId: number | null = holder && !elsewhere ? holder.id : null;
    const currentPhoneHash = holder?.phoneHash ?? null;

    let phone: string | null = null;
    let keepPhone = false;
    if (row.phone.includes('*')) keepPhone = true;
    else if (row.phone) {
      const problem = phoneProblem(row.phone);
      if (problem) say('手机号码', problem);
      else phone = normalisePhone(row.phone);
    }
    const education = row.education || null;
    if (education && !(educationLevels as readonly string[]).includes(education)) {
      say('文化程度', `应为 ${educationLevels.join('、')} 之一`);
    }
    const household = row.householdType ? (HOUSEHOLD.get(row.householdType as '城镇户籍') ?? null) : null;
    if (row.householdType && !household) say('户籍类型', '应为“城镇户籍”或“农村户籍”');
    const flag = (text: string, column: string) => {
      if (YES.has(text)) return true;
      if (!NO.has(text)) say(column, '应为“是”或“否”');
      return false;
    };
    const migrant = flag(row.migrantWorker, '农民工');
    const newForm = flag(row.newEmploymentForm, '新就业形态');
    let employerId: number | null = null;
    if (row.employerCreditCode) {
      const e = facts.employers.get(row.employerCreditCode.toUpperCase());
      if (!e || !e.inScope)
        say('工作单位统一社会信用代码', `${row.employerCreditCode} 不是您管辖范围内已登记的单位`);
      else if (e.closedOn) say('工作单位统一社会信用代码', `「${e.name}」已于 ${e.closedOn} 注销`);
      else employerId = e.id;
    }
    const joinedOn = row.joinedOn || this.today;
    if (!/^\d{4}-\d{2}-\d{2}$/.test(joinedOn) || Number.isNaN(Date.parse(joinedOn)))
      say('入会日期', '格式应为 YYYY-MM-DD，如 2011-09-30');
    else if (joinedOn > this.today) say('入会日期', '不能晚于今天');
    else if (parsedId && joinedOn < parsedId.birthDate) say('入会日期', '早于出生日期');

    if (elsewhere && holder) {
      return {
        held: {
          row_no: rowNo,
          kind: 'elsewhere',
          member_id: holder.id,
          org_unit_id: orgUnitId,
          employer_id: employerId,
          name: named.data!,
          resident_id_masked: residentIdMasked,
          in_scope: holder.inScope,
          message: heldElsewhereMessage(holder),
        },
      };
    }
    if (messages.length > 0) {
      return { problems: [{ rowNo, name: row.name, residentIdMasked, message: messages.join('；') }] };
    }
    // A known ID under another name is often a wrong ID: the row waits until the uploader confirms it.
    const renamed = holder !== null && memberId !== null && holder.name !== named.data;
    const held: HeldRow | undefined = renamed
      ? {
          row_no: rowNo,
          kind: 'name',
          member_id: holder.id,
          org_unit_id: orgUnitId,
          employer_id: employerId,
          name: named.data!,
          resident_id_masked: residentIdMasked,
          in_scope: true,
          message: `姓名变更：原为「${holder.name}」，文件中为「${named.data!}」`,
        }
      : undefined;
    if (!seal) return { staged: null, held };
    const setMask =
      (phone ? ROW_SETS.phone : 0) |
      (row.ethnicity ? ROW_SETS.ethnicity : 0) |
      (education ? ROW_SETS.education : 0) |
      (household ? ROW_SETS.householdType : 0) |
      (row.migrantWorker ? ROW_SETS.migrantWorker : 0) |
      (row.newEmploymentForm ? ROW_SETS.newEmploymentForm : 0) |
      (employerId !== null ? ROW_SETS.employer : 0);
    const keys = this.#keysOf(named.data!);
    const phoneHash = keepPhone
      ? currentPhoneHash
      : phone
        ? this.cipher.lookupHash('phone', phone).toString('hex')
        : null;
    const isNew = memberId === null;
    const former = isNew && hash ? facts.leftByHash.get(hash) : undefined;
    return {
      staged: {
        row_no: rowNo,
        member_id: memberId,
        name: named.data!,
        name_pinyin: keys.pinyin,
        name_initials: keys.initials,
        resident_id_cipher: isNew ? this.cipher.encrypt(parsedId!.value) : null,
        resident_id_hash: isNew ? hash : null,
        resident_id_tail: isNew ? parsedId!.value.slice(-4) : null,
        gender: isNew ? parsedId!.gender : null,
        birth_date: isNew ? parsedId!.birthDate : null,
        // An unchanged phone keeps its stored ciphertext (the apply step keeps it when the hashes match).
        phone_cipher:
          keepPhone || !phone || phoneHash === currentPhoneHash ? null : this.cipher.encrypt(phone),
        phone_hash: phoneHash,
        ethnicity: row.ethnicity || null,
        education,
        household_type: household,
        migrant_worker: migrant,
        new_employment_form: newForm,
        employer_id: employerId,
        org_unit_id: orgUnitId,
        joined_on: joinedOn,
        set_mask: setMask,
        hold: renamed ? 'name' : null,
        resident_id_masked: residentIdMasked,
      },
      held,
      rejoins: former === undefined ? undefined : { hash: hash!, formerId: former },
    };
  }
}
