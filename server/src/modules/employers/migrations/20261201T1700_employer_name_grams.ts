import { sql, type Kysely } from 'kysely';

/**
 * Name search that an index serves for any query of Chinese characters. A substring LIKE reads every
 * employer, and pg_trgm indexes no query shorter than three characters (华盛 has two), so each name keeps
 * its characters and pairs of neighbouring characters (有限公司 → 有, 限, 公, 司, 有限, 限公, 公司) in an
 * array under a GIN index. A query matches only names whose array holds all of its pairs (its one
 * character, when it has one); the LIKE then checks those few, so the results are exactly the LIKE's.
 * A trigger keeps the array current on every insert and rename, whoever writes the row.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create function text_grams(t text) returns text[] language sql immutable strict parallel safe as $$
      select coalesce(array_agg(distinct g), '{}') from (
        select substr(t, i, 1) as g from generate_series(1, char_length(t)) i
        union all
        select substr(t, i, 2) from generate_series(1, char_length(t) - 1) i
      ) grams
    $$`.execute(db);
  // What a query must find among a name's grams: its pairs, or its one character.
  await sql`
    create function search_grams(q text) returns text[] language sql immutable strict parallel safe as $$
      select case when char_length(q) = 1 then array[q]
        else array(select distinct substr(q, i, 2) from generate_series(1, char_length(q) - 1) i) end
    $$`.execute(db);
  await sql`alter table employer add column name_grams text[] not null default '{}'`.execute(db);
  await sql`
    create function employer_name_grams() returns trigger language plpgsql as $$
    begin
      new.name_grams := text_grams(new.name);
      return new;
    end $$`.execute(db);
  await sql`
    create trigger employer_name_grams before insert or update of name, name_grams on employer
    for each row execute function employer_name_grams()`.execute(db);
  await sql`update employer set name_grams = text_grams(name)`.execute(db);
  await sql`create index employer_name_grams on employer using gin (name_grams)`.execute(db);
  // The default order (name, then id) read straight from an index, a page at a time.
  await sql`create index employer_name_id on employer (name, id)`.execute(db);
  await sql`drop index employer_name`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`create index employer_name on employer (name)`.execute(db);
  await sql`drop index employer_name_id`.execute(db);
  await sql`drop trigger employer_name_grams on employer`.execute(db);
  await sql`drop function employer_name_grams()`.execute(db);
  await sql`alter table employer drop column name_grams`.execute(db);
  await sql`drop function search_grams(text)`.execute(db);
  await sql`drop function text_grams(text)`.execute(db);
}
