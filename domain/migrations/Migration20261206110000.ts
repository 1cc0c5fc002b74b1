import { Migration } from '@mikro-orm/migrations';

/**
 * Indexes for the register's console filters (apps/api/register/register.sql.ts), in the register's order and partial
 * on `deleted_at is null` like the others of Migration20261129203000: email status, issuing officer (also the
 * foreign key's index), and printed credentials. At 100,000 credentials their counts were sequential scans of the
 * whole table (`npm run bench:register`).
 */
export class Migration20261206110000 extends Migration {
  override async up(): Promise<void> {
    const order = '"credential_date" desc, "number" desc';
    this.addSql(
      `create index "credential_register_email_status_index" on "credential" ("email_status", ${order}) where "deleted_at" is null;`,
    );
    this.addSql(
      `create index "credential_register_officer_index" on "credential" ("issuing_officer_id", ${order}) where "deleted_at" is null;`,
    );
    this.addSql(
      `create index "credential_register_printed_index" on "credential" (${order}) where "printed_at" is not null and "deleted_at" is null;`,
    );
  }

  override async down(): Promise<void> {
    for (const index of [
      'credential_register_printed_index',
      'credential_register_officer_index',
      'credential_register_email_status_index',
    ]) {
      this.addSql(`drop index if exists "${index}";`);
    }
  }
}
