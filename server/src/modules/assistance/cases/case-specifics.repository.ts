import type { Insertable, Updateable } from 'kysely';
import {
  withAssistance,
  type AppDb,
  type LegalAidDetailTable,
  type MediationAgreementTable,
  type MediationPartyTable,
  type MediationSessionTable,
} from './case.definitions.ts';

/** The rows legal aid and mediation keep beside a case; the case's own checks run before any of these. */
export const caseSpecificsRepository = {
  async legalAid(db: AppDb, caseId: number) {
    return withAssistance(db)
      .selectFrom('legal_aid_detail as d')
      .leftJoin('case_handler as h', 'h.id', 'd.lawyer_id')
      .select([
        'd.lawyer_id as lawyerId',
        'h.name as lawyerName',
        'h.organisation as lawyerOrganisation',
        'd.legal_outcome as legalOutcome',
        'd.recovered_fen as recoveredFen',
        'd.outcome_note as outcomeNote',
      ])
      .where('d.case_id', '=', caseId)
      .executeTakeFirst();
  },

  async saveLegalAid(db: AppDb, values: Insertable<LegalAidDetailTable>) {
    const { case_id: _caseId, ...rest } = values;
    await withAssistance(db)
      .insertInto('legal_aid_detail')
      .values(values)
      .onConflict((oc) => oc.column('case_id').doUpdateSet(rest))
      .execute();
  },

  async parties(db: AppDb, caseId: number) {
    return withAssistance(db)
      .selectFrom('mediation_party')
      .select(['id', 'side', 'party_name as partyName', 'representative'])
      .where('case_id', '=', caseId)
      .orderBy('id')
      .execute();
  },

  async addParty(db: AppDb, values: Insertable<MediationPartyTable>) {
    await withAssistance(db).insertInto('mediation_party').values(values).execute();
  },

  async sessions(db: AppDb, caseId: number) {
    return withAssistance(db)
      .selectFrom('mediation_session')
      .select(['id', 'held_on as heldOn', 'place', 'note', 'actor_name as actorName'])
      .where('case_id', '=', caseId)
      .orderBy('held_on')
      .orderBy('id')
      .execute();
  },

  async addSession(db: AppDb, values: Insertable<MediationSessionTable>) {
    await withAssistance(db).insertInto('mediation_session').values(values).execute();
  },

  async agreement(db: AppDb, caseId: number) {
    return withAssistance(db)
      .selectFrom('mediation_agreement as a')
      .leftJoin('case_handler as h', 'h.id', 'a.mediator_id')
      .select([
        'a.terms',
        'a.applicant_signed_on as applicantSignedOn',
        'a.respondent_signed_on as respondentSignedOn',
        'a.mediator_id as mediatorId',
        'h.name as mediatorName',
        'a.mediator_signed_on as mediatorSignedOn',
      ])
      .where('a.case_id', '=', caseId)
      .executeTakeFirst();
  },

  async insertAgreement(db: AppDb, values: Insertable<MediationAgreementTable>) {
    await withAssistance(db).insertInto('mediation_agreement').values(values).execute();
  },

  async updateAgreement(db: AppDb, caseId: number, values: Updateable<MediationAgreementTable>) {
    await withAssistance(db)
      .updateTable('mediation_agreement')
      .set(values)
      .where('case_id', '=', caseId)
      .execute();
  },
};
