import { Migration } from '@mikro-orm/migrations';

/** Open Badges 3.0: the issuer's public keys (current and retired) and each issued credential's signed badge. */
export class Migration20261205170000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "issuer_key" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "public_key_multibase" varchar(255) not null, "retired_at" timestamptz null, constraint "issuer_key_pkey" primary key ("id"));`,
    );
    this.addSql(
      `alter table "issuer_key" add constraint "issuer_key_public_key_multibase_unique" unique ("public_key_multibase");`,
    );
    this.addSql(
      `create table "open_badge" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "credential_id" uuid not null, "status_list_index" int not null, "verification_method" varchar(255) not null, "document" text not null, constraint "open_badge_pkey" primary key ("id"));`,
    );
    this.addSql(`alter table "open_badge" add constraint "open_badge_credential_id_unique" unique ("credential_id");`);
    this.addSql(
      `alter table "open_badge" add constraint "open_badge_status_list_index_unique" unique ("status_list_index");`,
    );
    this.addSql(
      `alter table "open_badge" add constraint "open_badge_credential_id_foreign" foreign key ("credential_id") references "credential" ("id") on update cascade;`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "open_badge" cascade;`);
    this.addSql(`drop table if exists "issuer_key" cascade;`);
  }
}
