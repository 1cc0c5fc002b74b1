import { Migration } from '@mikro-orm/migrations';

/**
 * The compliance warnings a credential's current document was rendered with (null: none), and a partial index for
 * the register's filter on them, in the register's order.
 */
export class Migration20261205181000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "credential" add column "compliance_warnings" jsonb null;`);
    this.addSql(
      `create index "credential_compliance_warnings_index" on "credential" ("credential_date" desc, "number" desc) where "compliance_warnings" is not null;`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`drop index if exists "credential_compliance_warnings_index";`);
    this.addSql(`alter table "credential" drop column if exists "compliance_warnings";`);
  }
}
