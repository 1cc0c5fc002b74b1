import { Migration } from '@mikro-orm/migrations';

/**
 * A course credential request looks for the enrolment's active credential of the template asked for
 * (`courseRequestFacts`). With only single-column indexes, statistics taken while the table held few credentials (a new
 * database, or a bulk run of thousands since the last analyze) led PostgreSQL to the template's index: every
 * credential of the template read for each enrolment, so a bulk request's cost grew with the square of its size. The
 * pair's index is the cheapest path whatever the statistics say, and replaces the enrolment's own, which it covers.
 */
export class Migration20261206120000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create index "credential_course_enrolment_id_template_id_index" on "credential" ("course_enrolment_id", "template_id");`,
    );
    this.addSql(`drop index if exists "credential_course_enrolment_id_index";`);
  }

  override async down(): Promise<void> {
    this.addSql(`create index "credential_course_enrolment_id_index" on "credential" ("course_enrolment_id");`);
    this.addSql(`drop index if exists "credential_course_enrolment_id_template_id_index";`);
  }
}
