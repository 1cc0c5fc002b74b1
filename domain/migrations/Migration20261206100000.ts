import { Migration } from '@mikro-orm/migrations';

/**
 * Practice data (POST /practice/course-offers): course offers made to practise on, and their dummy learners, are
 * marked so that everything can show it and DELETE /course-offers/:id can remove them and nothing else.
 */
export class Migration20261206100000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "course_offer" add column "practice" boolean not null default false;`);
    this.addSql(`alter table "learner" add column "practice" boolean not null default false;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "learner" drop column if exists "practice";`);
    this.addSql(`alter table "course_offer" drop column if exists "practice";`);
  }
}
