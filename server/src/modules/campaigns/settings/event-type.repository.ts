import type { CampaignEventType, CampaignOutput } from '@gonghui/contracts';
import type { Db } from '../campaigns.definitions.ts';

/** The configured lists: event types, outputs and which outputs each type counts. Not scoped: one list. */
export const eventTypeRepository = {
  async outputs(db: Db): Promise<CampaignOutput[]> {
    return db
      .selectFrom('campaign_output')
      .select(['code', 'name', 'unit', 'definition'])
      .orderBy('sort')
      .orderBy('id')
      .execute();
  },

  async types(db: Db): Promise<CampaignEventType[]> {
    const [types, links] = await Promise.all([
      db
        .selectFrom('campaign_event_type')
        .select(['code', 'name', 'active'])
        .orderBy('sort')
        .orderBy('id')
        .execute(),
      db
        .selectFrom('campaign_event_type_output')
        .select(['type_code', 'output_code'])
        .orderBy('type_code')
        .orderBy('sort')
        .execute(),
    ]);
    return types.map((t) => ({
      ...t,
      outputs: links.filter((l) => l.type_code === t.code).map((l) => l.output_code),
    }));
  },

  async type(db: Db, code: string): Promise<CampaignEventType | undefined> {
    return (await this.types(db)).find((t) => t.code === code);
  },

  async lockType(db: Db, id: number) {
    return db
      .selectFrom('campaign_event_type')
      .select(['id', 'code'])
      .where('id', '=', id)
      .forUpdate()
      .executeTakeFirst();
  },

  async typeId(db: Db, code: string) {
    return (
      await db.selectFrom('campaign_event_type').select('id').where('code', '=', code).executeTakeFirst()
    )?.id;
  },

  async typeById(db: Db, id: number) {
    const row = await db
      .selectFrom('campaign_event_type')
      .select('code')
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    return (await this.type(db, row.code))!;
  },

  async saveType(db: Db, code: string, v: { name: string; active: boolean; outputs: string[] }) {
    const sort = await db
      .selectFrom('campaign_event_type')
      .select((eb) => eb.fn.coalesce(eb.fn.max('sort'), eb.lit(0)).as('n'))
      .executeTakeFirstOrThrow();
    const { id } = await db
      .insertInto('campaign_event_type')
      .values({ code, name: v.name, active: v.active, sort: Number(sort.n) + 1 })
      .onConflict((oc) => oc.column('code').doUpdateSet({ name: v.name, active: v.active }))
      .returning('id')
      .executeTakeFirstOrThrow();
    await db.deleteFrom('campaign_event_type_output').where('type_code', '=', code).execute();
    if (v.outputs.length > 0)
      await db
        .insertInto('campaign_event_type_output')
        .values(v.outputs.map((o, i) => ({ type_code: code, output_code: o, sort: i + 1 })))
        .execute();
    return id;
  },

  async nameTaken(db: Db, table: 'campaign_event_type' | 'campaign_output', name: string, code: string) {
    const r = await db
      .selectFrom(table)
      .select('id')
      .where('name', '=', name)
      .where('code', '<>', code)
      .executeTakeFirst();
    return !!r;
  },

  async lockOutput(db: Db, id: number) {
    return db
      .selectFrom('campaign_output')
      .select(['id', 'code', 'name', 'unit', 'definition'])
      .where('id', '=', id)
      .forUpdate()
      .executeTakeFirst();
  },

  async outputById(db: Db, id: number) {
    return db
      .selectFrom('campaign_output')
      .select(['code', 'name', 'unit', 'definition'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
  },

  async outputId(db: Db, code: string) {
    return (await db.selectFrom('campaign_output').select('id').where('code', '=', code).executeTakeFirst())
      ?.id;
  },

  async saveOutput(db: Db, code: string, v: { name: string; unit: string; definition: string }) {
    const sort = await db
      .selectFrom('campaign_output')
      .select((eb) => eb.fn.coalesce(eb.fn.max('sort'), eb.lit(0)).as('n'))
      .executeTakeFirstOrThrow();
    const { id } = await db
      .insertInto('campaign_output')
      .values({ code, ...v, sort: Number(sort.n) + 1 })
      .onConflict((oc) => oc.column('code').doUpdateSet(v))
      .returning('id')
      .executeTakeFirstOrThrow();
    return id;
  },
};
