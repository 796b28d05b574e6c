import type { Kysely } from 'kysely';
import {
  caseTypeLabels,
  legalAidOutcomeLabels,
  partySideLabels,
  signerLabels,
  type AgreementBody,
  type AssistanceCase,
  type CaseType,
  type LegalAidBody,
  type MediationPartyBody,
  type MediationSessionBody,
  type SignBody,
} from '@gonghui/contracts';
import type { Database } from '../../../db/schema.ts';
import type { Actor } from '../../../platform/auth/actor.ts';
import { conflict, invalid } from '../../../platform/http/errors.ts';
import { today } from '../../../platform/orgs/dates.ts';
import { visibleHandler } from '../handlers/handler.service.ts';
import { act, mustBeOpen } from './case-handling.service.ts';
import type { CaseRow } from './case.repository.ts';
import { addEvent } from './case.service.ts';
import { caseSpecificsRepository as repo } from './case-specifics.repository.ts';

type Db = Kysely<Database>;
const yuanText = (fen: number) => (fen / 100).toFixed(2);

function mustBe(row: CaseRow, type: CaseType) {
  if (row.type !== type) throw conflict(`本案件不是${caseTypeLabels[type]}案件`);
  mustBeOpen(row);
}

/** A date of the case's own history: not after today, not before the case was taken in. */
function caseDate(row: CaseRow, value: string, field: string, label: string) {
  if (value > today()) throw invalid([{ field, message: `${label}不能晚于今天` }]);
  if (value < row.receivedOn)
    throw invalid([{ field, message: `${label}不能早于登记日期 ${row.receivedOn}` }]);
}

/** Legal aid's lawyer and outcome; mediation's parties, sessions and the agreement all three sign. */
export const caseSpecificsService = {
  async setLegalAid(db: Db, actor: Actor, id: number, body: LegalAidBody): Promise<AssistanceCase> {
    return act(db, actor, id, 'assistance_case.legal_aid', async (trx, row) => {
      mustBe(row, 'legal_aid');
      const lawyer = await visibleHandler(trx, actor, body.lawyerId, 'lawyerId');
      if (lawyer.kind !== 'lawyer')
        throw invalid([{ field: 'lawyerId', message: `「${lawyer.name}」不是登记为律师的经办人` }]);
      const legalOutcome = body.legalOutcome ?? null;
      const recoveredFen = body.recoveredFen ?? null;
      if (recoveredFen !== null && legalOutcome === null)
        throw invalid([{ field: 'legalOutcome', message: '填写挽回金额时请同时选择援助结果' }]);
      await repo.saveLegalAid(trx, {
        case_id: id,
        lawyer_id: lawyer.id,
        legal_outcome: legalOutcome,
        recovered_fen: recoveredFen,
        outcome_note: body.outcomeNote ?? null,
      });
      const parts = [`援助律师：${lawyer.name}${lawyer.organisation ? `（${lawyer.organisation}）` : ''}`];
      if (legalOutcome) parts.push(`援助结果：${legalAidOutcomeLabels[legalOutcome]}`);
      if (recoveredFen !== null) parts.push(`挽回金额 ${yuanText(recoveredFen)} 元`);
      if (body.outcomeNote) parts.push(body.outcomeNote);
      await addEvent(trx, actor, id, 'legal_aid', parts.join('；'));
      return {
        lawyerId: lawyer.id,
        lawyerName: lawyer.name,
        legalOutcome,
        recoveredFen,
        outcomeNote: body.outcomeNote ?? null,
      };
    });
  },

  async addParty(db: Db, actor: Actor, id: number, body: MediationPartyBody): Promise<AssistanceCase> {
    return act(db, actor, id, 'assistance_case.mediation_party', async (trx, row) => {
      mustBe(row, 'mediation');
      const parties = await repo.parties(trx, id);
      if (parties.length >= 20) throw invalid([{ field: 'partyName', message: '当事人最多 20 个' }]);
      if (parties.some((p) => p.side === body.side && p.partyName === body.partyName))
        throw invalid([
          { field: 'partyName', message: `「${body.partyName}」已是${partySideLabels[body.side]}` },
        ]);
      const agreement = await repo.agreement(trx, id);
      if (agreement) throw conflict('调解协议已拟定，不能再增加当事人');
      await repo.addParty(trx, {
        case_id: id,
        side: body.side,
        party_name: body.partyName,
        representative: body.representative ?? null,
      });
      await addEvent(
        trx,
        actor,
        id,
        'mediation',
        `${partySideLabels[body.side]}：${body.partyName}${body.representative ? `（${body.representative}）` : ''}`,
      );
      return { side: body.side, partyName: body.partyName, representative: body.representative ?? null };
    });
  },

  async addSession(db: Db, actor: Actor, id: number, body: MediationSessionBody): Promise<AssistanceCase> {
    return act(db, actor, id, 'assistance_case.mediation_session', async (trx, row) => {
      mustBe(row, 'mediation');
      caseDate(row, body.heldOn, 'heldOn', '调解日期');
      await repo.addSession(trx, {
        case_id: id,
        held_on: body.heldOn,
        place: body.place,
        note: body.note,
        actor_name: actor.displayName,
      });
      await addEvent(trx, actor, id, 'mediation', `${body.heldOn} 在${body.place}调解：${body.note}`);
      return { heldOn: body.heldOn, place: body.place, note: body.note };
    });
  },

  /** Drafts the agreement, or rewords it while nobody has signed. */
  async setAgreement(db: Db, actor: Actor, id: number, body: AgreementBody): Promise<AssistanceCase> {
    return act(db, actor, id, 'assistance_case.mediation_agreement', async (trx, row) => {
      mustBe(row, 'mediation');
      const parties = await repo.parties(trx, id);
      if (!parties.some((p) => p.side === 'applicant') || !parties.some((p) => p.side === 'respondent'))
        throw invalid([{ field: 'terms', message: '请先登记申请方和被申请方，再拟定调解协议' }]);
      const existing = await repo.agreement(trx, id);
      if (
        existing &&
        (existing.applicantSignedOn || existing.respondentSignedOn || existing.mediatorSignedOn)
      )
        throw conflict('调解协议已有签字，不能再修改内容');
      if (existing) await repo.updateAgreement(trx, id, { terms: body.terms });
      else await repo.insertAgreement(trx, { case_id: id, terms: body.terms });
      await addEvent(trx, actor, id, 'mediation', existing ? '修改调解协议内容' : '拟定调解协议');
      return { terms: body.terms };
    });
  },

  /** One signature; once both parties and the mediator have signed, the agreement is in force. */
  async sign(db: Db, actor: Actor, id: number, body: SignBody): Promise<AssistanceCase> {
    return act(db, actor, id, 'assistance_case.mediation_sign', async (trx, row) => {
      mustBe(row, 'mediation');
      const agreement = await repo.agreement(trx, id);
      if (!agreement) throw invalid([{ field: 'signer', message: '请先拟定调解协议' }]);
      caseDate(row, body.signedOn, 'signedOn', '签字日期');
      const already =
        body.signer === 'applicant'
          ? agreement.applicantSignedOn
          : body.signer === 'respondent'
            ? agreement.respondentSignedOn
            : agreement.mediatorSignedOn;
      if (already) throw conflict(`${signerLabels[body.signer]}已于 ${already} 签字`);
      let mediatorName: string | null = null;
      if (body.signer === 'mediator') {
        if (!body.mediatorId) throw invalid([{ field: 'mediatorId', message: '请选择签字的调解员' }]);
        const m = await visibleHandler(trx, actor, body.mediatorId, 'mediatorId');
        if (m.kind !== 'mediator' && m.kind !== 'staff')
          throw invalid([{ field: 'mediatorId', message: `「${m.name}」不是调解员或工会工作人员` }]);
        mediatorName = m.name;
        await repo.updateAgreement(trx, id, { mediator_id: m.id, mediator_signed_on: body.signedOn });
      } else {
        await repo.updateAgreement(
          trx,
          id,
          body.signer === 'applicant'
            ? { applicant_signed_on: body.signedOn }
            : { respondent_signed_on: body.signedOn },
        );
      }
      const after = await repo.agreement(trx, id);
      const complete = Boolean(
        after?.applicantSignedOn && after.respondentSignedOn && after.mediatorSignedOn,
      );
      await addEvent(
        trx,
        actor,
        id,
        'mediation',
        `${signerLabels[body.signer]}${mediatorName ? `「${mediatorName}」` : ''}在调解协议上签字${
          complete ? '；双方当事人和调解员均已签字，协议生效' : ''
        }`,
      );
      return {
        signer: body.signer,
        signedOn: body.signedOn,
        ...(mediatorName ? { mediatorId: body.mediatorId, mediatorName } : {}),
      };
    });
  },
};
