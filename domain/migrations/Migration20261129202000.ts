import { Migration } from '@mikro-orm/migrations';

/** email_message: one row per credential email send (idempotency key, provider message id, delivery status). */
export class Migration20261129202000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "email_message" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "credential_id" uuid not null, "send_number" int not null, "document_version" int not null, "idempotency_key" varchar(256) not null, "to_address" varchar(255) not null, "provider_message_id" varchar(255) null, "status" text check ("status" in ('Sending', 'Sent', 'Delivered', 'Bounced', 'Failed')) not null default 'Sending', "error" text null, "sent_at" timestamptz null, constraint "email_message_pkey" primary key ("id"));`,
    );
    this.addSql(
      `alter table "email_message" add constraint "email_message_idempotency_key_unique" unique ("idempotency_key");`,
    );
    this.addSql(
      `alter table "email_message" add constraint "email_message_provider_message_id_unique" unique ("provider_message_id");`,
    );
    this.addSql(
      `alter table "email_message" add constraint "email_message_credential_id_send_number_unique" unique ("credential_id", "send_number");`,
    );
    this.addSql(
      `alter table "email_message" add constraint "email_message_credential_id_foreign" foreign key ("credential_id") references "credential" ("id") on update cascade;`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "email_message" cascade;`);
  }
}
