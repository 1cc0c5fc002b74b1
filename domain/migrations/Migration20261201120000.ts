import { Migration } from '@mikro-orm/migrations';

/*
 * Names the system writes into credential history itself, as of this migration (kept here, not imported: a migration
 * must not change when live code does).
 */
const reservedNames = ['workflow', 'data-fix', 'system', 'resend', 'anonymous', 'admin_api_key', 'worker', 'api'];
const reservedSql = reservedNames.map((name) => `'${name}'`).join(', ');

/**
 * The audit trail names the actor: API key names are unique (ignoring case, revoked keys included, so a name in
 * history stays one key's), and each credential event records the acting key's id beside its name. Activities write
 * only the name, so a trigger looks the id up as the event is inserted. Also an index to purge expired
 * Idempotency-Key records.
 */
export class Migration20261201120000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "credential_event" add column "actor_key_id" uuid null;`);
    this.addSql(
      `alter table "credential_event" add constraint "credential_event_actor_key_id_foreign" foreign key ("actor_key_id") references "api_key" ("id") on update cascade on delete set null;`,
    );
    // Past events: only where the name was one key's, and not a name the system uses.
    this.addSql(
      `update "credential_event" e set "actor_key_id" = k."id" from "api_key" k
       where k."name" = e."actor" and lower(k."name") not in (${reservedSql})
         and (select count(*) from "api_key" o where lower(o."name") = lower(k."name")) = 1;`,
    );
    // Existing duplicates and reserved names get the key's id appended, so the unique index can be built.
    this.addSql(
      `update "api_key" k set "name" = k."name" || ' (' || left(k."id"::text, 8) || ')'
       from (select "id", row_number() over (partition by lower("name") order by "created_at", "id") as n from "api_key") d
       where d."id" = k."id" and (d.n > 1 or lower(k."name") in (${reservedSql}));`,
    );
    this.addSql(`create unique index "api_key_name_unique" on "api_key" (lower("name"));`);
    this.addSql(
      `create function "credential_event_actor_key"() returns trigger language plpgsql as $$
       begin
         if new."actor_key_id" is null then
           select k."id" into new."actor_key_id" from "api_key" k where lower(k."name") = lower(new."actor");
         end if;
         return new;
       end $$;`,
    );
    this.addSql(
      `create trigger "credential_event_actor_key" before insert on "credential_event"
       for each row execute function "credential_event_actor_key"();`,
    );
    this.addSql(`create index "idempotency_record_created_at_index" on "idempotency_record" ("created_at");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop index if exists "idempotency_record_created_at_index";`);
    this.addSql(`drop trigger if exists "credential_event_actor_key" on "credential_event";`);
    this.addSql(`drop function if exists "credential_event_actor_key"();`);
    this.addSql(`drop index if exists "api_key_name_unique";`);
    this.addSql(`alter table "credential_event" drop constraint if exists "credential_event_actor_key_id_foreign";`);
    this.addSql(`alter table "credential_event" drop column if exists "actor_key_id";`);
  }
}
