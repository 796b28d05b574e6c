import { sql, type Kysely } from 'kysely';

/**
 * Living assistance (生活救助) carries an amount in fen; above the district's threshold the unit above the
 * handling unit must approve it before the case is resolved.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table assistance_case add column aid_amount_fen integer check (aid_amount_fen is null or aid_amount_fen > 0)`.execute(
    db,
  );
  await sql`alter table assistance_case add column aid_approved_by integer references org_unit(id)`.execute(
    db,
  );
  await sql`alter table assistance_case add column aid_approved_on date`.execute(db);
  await sql`
    create table living_aid_threshold (
      org_unit_id integer primary key references org_unit(id),
      threshold_fen integer not null check (threshold_fen > 0)
    )`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table living_aid_threshold`.execute(db);
  await sql`alter table assistance_case drop column aid_approved_on`.execute(db);
  await sql`alter table assistance_case drop column aid_approved_by`.execute(db);
  await sql`alter table assistance_case drop column aid_amount_fen`.execute(db);
}
