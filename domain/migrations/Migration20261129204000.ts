import { Migration } from '@mikro-orm/migrations';

/** Bulk run items (one row per target, paged by the bulk workflow), the request id of an email send, USI exemption. */
export class Migration20261129204000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "bulk_run_item" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "bulk_run_id" uuid not null, "seq" int not null, "target_id" uuid not null, "credential_id" uuid null, "status" text check ("status" in ('Pending', 'Succeeded', 'Failed')) not null default 'Pending', "message" text null, constraint "bulk_run_item_pkey" primary key ("id"));`,
    );
    this.addSql(
      `alter table "bulk_run_item" add constraint "bulk_run_item_bulk_run_id_seq_unique" unique ("bulk_run_id", "seq");`,
    );
    this.addSql(
      `create index "bulk_run_item_bulk_run_id_status_seq_index" on "bulk_run_item" ("bulk_run_id", "status", "seq");`,
    );
    this.addSql(
      `alter table "bulk_run_item" add constraint "bulk_run_item_bulk_run_id_foreign" foreign key ("bulk_run_id") references "bulk_run" ("id") on update cascade;`,
    );
    this.addSql(`alter table "email_message" add column "request_id" varchar(255) null;`);
    this.addSql(`alter table "learner" add column "usi_exempt" boolean not null default false;`);
    this.addSql(
      `create unique index "email_message_credential_id_request_id_unique" on "email_message" ("credential_id", "request_id") where "request_id" is not null;`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "bulk_run_item" cascade;`);
    this.addSql(`alter table "email_message" drop column if exists "request_id";`);
    this.addSql(`alter table "learner" drop column if exists "usi_exempt";`);
  }
}
