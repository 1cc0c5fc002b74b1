import { Migration } from '@mikro-orm/migrations';

/** Idempotency-Key records for POSTs that create things. */
export class Migration20261129205000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "idempotency_record" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "scope" varchar(255) not null, "key" varchar(255) not null, "request_hash" varchar(64) not null, "status" int null, "response" jsonb null, constraint "idempotency_record_pkey" primary key ("id"));`,
    );
    this.addSql(
      `alter table "idempotency_record" add constraint "idempotency_record_scope_key_unique" unique ("scope", "key");`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "idempotency_record" cascade;`);
  }
}
