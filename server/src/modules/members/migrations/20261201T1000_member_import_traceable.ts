import { sql, type Kysely } from 'kysely';

/**
 * A roster import changes only the members of the union each row belongs to, keeps what the file does not
 * carry, and can be traced and undone: rows held back (a person in another union, a changed name) are kept
 * apart, every member it created or changed keeps its values from before (the phone sealed as stored), its
 * history spans and audit entries name the import.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  // Which cells of a row set a value on an existing member (bits, see member-import-rows.ts); a row held
  // for its changed name waits here until the uploader confirms it.
  await sql`alter table member_import_row add column set_mask integer not null default 0`.execute(db);
  await sql`alter table member_import_row add column hold text check (hold in ('name'))`.execute(db);
  await sql`alter table member_import_row add column resident_id_masked text`.execute(db);

  await sql`alter table member_import drop constraint if exists member_import_status_check`.execute(db);
  await sql`alter table member_import add constraint member_import_status_check
    check (status in ('queued', 'running', 'done', 'rejected', 'failed', 'undone'))`.execute(db);
  await sql`alter table member_import add column accept_name_changes boolean not null default false`.execute(
    db,
  );
  await sql`alter table member_import add column audit_id bigint`.execute(db);
  await sql`alter table member_import add column applied_at timestamptz`.execute(db);

  // One entry of a bulk operation points at the operation's own entry.
  await sql`alter table audit_log add column parent_id bigint`.execute(db);
  await sql`create index audit_log_parent on audit_log (parent_id) where parent_id is not null`.execute(db);

  await sql`alter table member_history add column import_id integer references member_import(id)`.execute(db);
  await sql`create index member_history_import on member_history (import_id) where import_id is not null`.execute(
    db,
  );

  // Rows not applied: the person holds a live membership in another union, or a known ID carries another
  // name. member_id is never shown for a membership outside the uploader's scope.
  await sql`
    create table member_import_held (
      import_id integer not null references member_import(id) on delete cascade,
      row_no integer not null,
      kind text not null check (kind in ('elsewhere', 'name')),
      member_id integer not null references member(id),
      org_unit_id integer not null references org_unit(id),
      employer_id integer references employer(id),
      name text not null,
      resident_id_masked text not null,
      in_scope boolean not null,
      message text not null,
      transfer_id integer references member_transfer(id),
      primary key (import_id, row_no)
    )`.execute(db);

  // What an import did to each member, with the values from before for an undo.
  await sql`
    create table member_import_change (
      import_id integer not null references member_import(id) on delete cascade,
      member_id integer not null,
      kind text not null check (kind in ('created', 'updated')),
      before jsonb,
      before_phone_cipher bytea,
      before_phone_hash bytea,
      stamp timestamptz not null,
      primary key (import_id, member_id)
    )`.execute(db);
  await sql`create index member_import_change_member on member_import_change (member_id)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table if exists member_import_change`.execute(db);
  await sql`drop table if exists member_import_held`.execute(db);
  await sql`alter table member_history drop column if exists import_id`.execute(db);
  await sql`alter table audit_log drop column if exists parent_id`.execute(db);
  for (const c of ['applied_at', 'audit_id', 'accept_name_changes'])
    await sql`alter table member_import drop column if exists ${sql.raw(c)}`.execute(db);
  for (const c of ['resident_id_masked', 'hold', 'set_mask'])
    await sql`alter table member_import_row drop column if exists ${sql.raw(c)}`.execute(db);
}
