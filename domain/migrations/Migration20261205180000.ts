import { Migration } from '@mikro-orm/migrations';

/** The organisation's Nationally Recognised Training logo (PNG; an SVG upload is rendered to PNG first). */
export class Migration20261205180000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "organisation" add column "nrt_logo_png" bytea null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "organisation" drop column if exists "nrt_logo_png";`);
  }
}
