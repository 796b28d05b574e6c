import { withAssistance, type AppDb } from './case.definitions.ts';

/** The people cases are about: found by their sealed resident ID's lookup hash, one record each. */
export const workerRepository = {
  /**
   * The person with this ID, made when first seen (a concurrent intake of the same person finds the one
   * made first).
   */
  async findOrCreate(
    db: AppDb,
    p: {
      name: string;
      residentIdCipher: Buffer;
      residentIdHash: Buffer;
      residentIdTail: string;
      phoneCipher: Buffer | null;
      memberId: number | null;
    },
  ): Promise<number> {
    const adb = withAssistance(db);
    await adb
      .insertInto('assistance_person')
      .values({
        name: p.name,
        resident_id_cipher: p.residentIdCipher,
        resident_id_hash: p.residentIdHash,
        resident_id_tail: p.residentIdTail,
        phone_cipher: p.phoneCipher,
        member_id: p.memberId,
      })
      .onConflict((oc) => oc.column('resident_id_hash').doNothing())
      .execute();
    const found = await adb
      .selectFrom('assistance_person')
      .select(['id', 'member_id'])
      .where('resident_id_hash', '=', p.residentIdHash)
      .executeTakeFirstOrThrow();
    const patch = {
      ...(p.phoneCipher ? { phone_cipher: p.phoneCipher } : {}),
      ...(found.member_id === null && p.memberId !== null ? { member_id: p.memberId } : {}),
    };
    if (Object.keys(patch).length > 0)
      await adb.updateTable('assistance_person').set(patch).where('id', '=', found.id).execute();
    return found.id;
  },

  async find(db: AppDb, id: number) {
    return withAssistance(db)
      .selectFrom('assistance_person')
      .select(['id', 'name'])
      .where('id', '=', id)
      .executeTakeFirst();
  },

  /** The person with this resident-ID lookup hash, if a case was ever taken in for them. */
  async findByHash(db: AppDb, residentIdHash: Buffer) {
    return withAssistance(db)
      .selectFrom('assistance_person')
      .select(['id', 'name'])
      .where('resident_id_hash', '=', residentIdHash)
      .executeTakeFirst();
  },
};
