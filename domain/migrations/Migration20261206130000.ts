import { Migration } from '@mikro-orm/migrations';

/**
 * Signing a badge sized the revocation status lists by counting every badge (`count(*)` of open_badge): a scan that
 * grows with every credential ever issued, once per issue. A sequence taken once per signing counts them in constant
 * time. It starts at today's count; a signing that fails or is retried takes a number too, so it can only run ahead,
 * which grows the lists a little early (more room, fewer collisions), never late.
 */
export class Migration20261206130000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create sequence if not exists "open_badge_signings" start with 1 minvalue 1;`);
    this.addSql(`select setval('open_badge_signings', (select count(*) from "open_badge") + 1, false);`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop sequence if exists "open_badge_signings";`);
  }
}
