import { sql, type Kysely } from 'kysely';

// Frozen: never edit a migration that has shipped; add a new one.
export async function up(db: Kysely<unknown>): Promise<void> {
  // Roster exports are now platform export files: kept exports move there under their own ids (so a
  // page polling one keeps finding it), with the job kind they always had.
  await sql`
    insert into export_file (id, kind, job_id, scope_path, actor_unit_id, filters, status, file_name,
      row_count, size_bytes, created_by, created_at, finished_at)
    select x.id, 'member.export', x.job_id, x.scope_path, u.org_unit_id, x.filters, x.status, x.file_name,
      x.row_count, x.size_bytes, x.created_by, x.created_at, x.finished_at
    from member_export x left join app_user u on u.id = x.created_by`.execute(db);
  await sql`
    insert into export_file_chunk (export_id, seq, content)
    select export_id, seq, content from member_export_chunk`.execute(db);
  await sql`
    select setval(pg_get_serial_sequence('export_file', 'id'), coalesce(max(id), 0) + 1, false)
    from export_file`.execute(db);
  await sql`drop table member_export_chunk`.execute(db);
  await sql`drop table member_export`.execute(db);
}
