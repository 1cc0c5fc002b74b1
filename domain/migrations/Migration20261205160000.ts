import { Migration } from '@mikro-orm/migrations';

/** Action inputs: the words of an action (cancel reason, email address), kept out of Temporal and passed by id. */
export class Migration20261205160000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "action_input" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "reason" text null, "email_to" varchar(320) null, constraint "action_input_pkey" primary key ("id"));`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "action_input" cascade;`);
  }
}
