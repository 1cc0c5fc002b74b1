import { Migration } from '@mikro-orm/migrations';

/**
 * The built-in templates as this migration first inserted them, frozen here: a migration must insert the same rows
 * whenever it runs, whatever domain/templates/builtins.ts says later (change them with a new migration).
 */
const builtinTemplateRows = [
  {
    id: '00000000-0000-4000-8000-000000000001',
    key: 'testamur',
    name: 'Testamur',
    type: 'Certificate',
    appliesTo: 'qualification',
  },
  {
    id: '00000000-0000-4000-8000-000000000002',
    key: 'statement-of-attainment',
    name: 'Statement of Attainment',
    type: 'Statement',
    appliesTo: 'both',
  },
  {
    id: '00000000-0000-4000-8000-000000000003',
    key: 'record-of-results',
    name: 'Record of Results',
    type: 'Transcript',
    appliesTo: 'both',
  },
  {
    id: '00000000-0000-4000-8000-000000000004',
    key: 'certificate-of-completion',
    name: 'Certificate of Completion',
    type: 'Certificate',
    appliesTo: 'course',
  },
] as const;

export class Migration20261129193136 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "api_key" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "name" varchar(255) not null, "role" text check ("role" in ('viewer', 'requester', 'issuer', 'admin')) not null, "key_hash" varchar(64) not null, "revoked_at" timestamptz null, constraint "api_key_pkey" primary key ("id"));`,
    );
    this.addSql(`alter table "api_key" add constraint "api_key_key_hash_unique" unique ("key_hash");`);

    this.addSql(
      `create table "bulk_run" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "action" varchar(255) not null, "status" text check ("status" in ('Running', 'Completed')) not null default 'Running', "total" int not null default 0, "succeeded" int not null default 0, "failed" int not null default 0, "failures" jsonb not null default '[]', "params" jsonb not null, "finished_at" timestamptz null, constraint "bulk_run_pkey" primary key ("id"));`,
    );

    this.addSql(
      `create table "course" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "code" varchar(255) not null, "name" varchar(255) not null, constraint "course_pkey" primary key ("id"));`,
    );
    this.addSql(`alter table "course" add constraint "course_code_unique" unique ("code");`);

    this.addSql(
      `create table "course_offer" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "course_id" uuid not null, "start_date" date not null, "end_date" date not null, "location" varchar(255) null, constraint "course_offer_pkey" primary key ("id"), constraint course_offer_dates_check check (end_date >= start_date));`,
    );

    this.addSql(
      `create table "credential_template" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "builtin_key" varchar(255) null, "name" varchar(255) not null, "type" text check ("type" in ('Certificate', 'Transcript', 'Statement', 'Letter', 'Card', 'Other')) not null, "applies_to" text check ("applies_to" in ('course', 'qualification', 'both')) not null, "current_version" int not null default 1, constraint "credential_template_pkey" primary key ("id"));`,
    );
    this.addSql(
      `alter table "credential_template" add constraint "credential_template_builtin_key_unique" unique ("builtin_key");`,
    );

    this.addSql(
      `create table "credential_template_version" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "template_id" uuid not null, "version" int not null, "layout" jsonb null, constraint "credential_template_version_pkey" primary key ("id"));`,
    );
    this.addSql(
      `alter table "credential_template_version" add constraint "credential_template_version_template_id_version_unique" unique ("template_id", "version");`,
    );

    this.addSql(
      `create table "issuing_officer" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "name" varchar(255) not null, "position" varchar(255) not null, "signature_png" bytea null, constraint "issuing_officer_pkey" primary key ("id"));`,
    );

    this.addSql(
      `create table "learner" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "given_name" varchar(255) not null, "middle_name" varchar(255) null, "family_name" varchar(255) not null, "date_of_birth" date not null, "email" varchar(255) not null, "usi" varchar(255) null, "usi_verified" boolean not null default false, constraint "learner_pkey" primary key ("id"));`,
    );
    this.addSql(`alter table "learner" add constraint "learner_usi_unique" unique ("usi");`);
    this.addSql(`create index "learner_family_name_given_name_index" on "learner" ("family_name", "given_name");`);

    this.addSql(
      `create table "course_enrolment" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "course_offer_id" uuid not null, "learner_id" uuid not null, "status" text check ("status" in ('Enrolled', 'Completed', 'Withdrawn')) not null default 'Enrolled', "completion_date" date null, constraint "course_enrolment_pkey" primary key ("id"));`,
    );
    this.addSql(
      `alter table "course_enrolment" add constraint "course_enrolment_course_offer_id_learner_id_unique" unique ("course_offer_id", "learner_id");`,
    );

    this.addSql(
      `create table "organisation" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "singleton" boolean not null default true, "name" varchar(255) not null, "rto_code" varchar(255) not null, "logo_png" bytea null, constraint "organisation_pkey" primary key ("id"));`,
    );
    this.addSql(`alter table "organisation" add constraint "organisation_singleton_unique" unique ("singleton");`);

    this.addSql(
      `create table "qualification" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "code" varchar(255) not null, "title" varchar(255) not null, "packaging_rules" jsonb not null, constraint "qualification_pkey" primary key ("id"));`,
    );
    this.addSql(`alter table "qualification" add constraint "qualification_code_unique" unique ("code");`);

    this.addSql(
      `create table "qualification_enrolment" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "learner_id" uuid not null, "qualification_id" uuid not null, "status" text check ("status" in ('Not Yet Achieved', 'Ready to be Requested', 'Generating Credential', 'Awaiting Issue', 'Credential Issued', 'Credential Failed to Generate', 'Withdrawn')) not null default 'Not Yet Achieved', "requirements_met_at" timestamptz null, constraint "qualification_enrolment_pkey" primary key ("id"));`,
    );

    this.addSql(
      `create table "credential" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "number" varchar(255) not null, "verification_code" varchar(255) not null, "status" text check ("status" in ('Requested', 'Generating', 'Generated', 'GenerationFailed', 'Issued', 'Cancelled')) not null default 'Requested', "type" text check ("type" in ('Certificate', 'Transcript', 'Statement', 'Letter', 'Card', 'Other')) not null, "template_id" uuid not null, "template_version" int not null, "learner_id" uuid not null, "course_enrolment_id" uuid null, "qualification_enrolment_id" uuid null, "credential_date" date not null, "issuing_officer_id" uuid null, "status_reason" text null, "document_version" int null, "generation_error" text null, "issued_at" timestamptz null, "printed_at" timestamptz null, "email_status" text check ("email_status" in ('NotSent', 'Sending', 'Sent', 'Delivered', 'Bounced', 'Failed')) not null default 'NotSent', "emailed_at" timestamptz null, "cancelled_at" timestamptz null, "deleted_at" timestamptz null, "replaces_id" uuid null, constraint "credential_pkey" primary key ("id"), constraint credential_one_source_check check ((course_enrolment_id is null) <> (qualification_enrolment_id is null)));`,
    );
    this.addSql(`alter table "credential" add constraint "credential_number_unique" unique ("number");`);
    this.addSql(
      `alter table "credential" add constraint "credential_verification_code_unique" unique ("verification_code");`,
    );
    this.addSql(`create index "credential_template_id_index" on "credential" ("template_id");`);
    this.addSql(`create index "credential_learner_id_index" on "credential" ("learner_id");`);
    this.addSql(`create index "credential_course_enrolment_id_index" on "credential" ("course_enrolment_id");`);
    this.addSql(
      `create index "credential_qualification_enrolment_id_index" on "credential" ("qualification_enrolment_id");`,
    );
    this.addSql(`alter table "credential" add constraint "credential_replaces_id_unique" unique ("replaces_id");`);
    this.addSql(`create index "credential_status_index" on "credential" ("status");`);
    this.addSql(`create index "credential_credential_date_index" on "credential" ("credential_date");`);

    this.addSql(
      `create table "document_version" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "credential_id" uuid not null, "version" int not null, "pdf" bytea not null, "sha256" varchar(64) not null, "bytes" int not null, "template_version" int not null, "snapshot" jsonb not null, constraint "document_version_pkey" primary key ("id"));`,
    );
    this.addSql(
      `alter table "document_version" add constraint "document_version_credential_id_version_unique" unique ("credential_id", "version");`,
    );

    this.addSql(
      `create table "credential_event" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "credential_id" uuid not null, "event" varchar(255) not null, "actor" varchar(255) not null, "detail" jsonb null, constraint "credential_event_pkey" primary key ("id"));`,
    );
    this.addSql(
      `create index "credential_event_credential_id_created_at_index" on "credential_event" ("credential_id", "created_at");`,
    );

    this.addSql(
      `create table "unit" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "code" varchar(255) not null, "title" varchar(255) not null, constraint "unit_pkey" primary key ("id"));`,
    );
    this.addSql(`alter table "unit" add constraint "unit_code_unique" unique ("code");`);

    this.addSql(
      `create table "unit_result" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "qualification_enrolment_id" uuid not null, "unit_id" uuid not null, "outcome" varchar(2) not null, "date" date not null, constraint "unit_result_pkey" primary key ("id"));`,
    );
    this.addSql(
      `alter table "unit_result" add constraint "unit_result_qualification_enrolment_id_unit_id_unique" unique ("qualification_enrolment_id", "unit_id");`,
    );

    this.addSql(
      `alter table "course_offer" add constraint "course_offer_course_id_foreign" foreign key ("course_id") references "course" ("id") on update cascade;`,
    );

    this.addSql(
      `alter table "credential_template_version" add constraint "credential_template_version_template_id_foreign" foreign key ("template_id") references "credential_template" ("id") on update cascade;`,
    );

    this.addSql(
      `alter table "course_enrolment" add constraint "course_enrolment_course_offer_id_foreign" foreign key ("course_offer_id") references "course_offer" ("id") on update cascade;`,
    );
    this.addSql(
      `alter table "course_enrolment" add constraint "course_enrolment_learner_id_foreign" foreign key ("learner_id") references "learner" ("id") on update cascade;`,
    );

    this.addSql(
      `alter table "qualification_enrolment" add constraint "qualification_enrolment_learner_id_foreign" foreign key ("learner_id") references "learner" ("id") on update cascade;`,
    );
    this.addSql(
      `alter table "qualification_enrolment" add constraint "qualification_enrolment_qualification_id_foreign" foreign key ("qualification_id") references "qualification" ("id") on update cascade;`,
    );

    this.addSql(
      `alter table "credential" add constraint "credential_template_id_foreign" foreign key ("template_id") references "credential_template" ("id") on update cascade;`,
    );
    this.addSql(
      `alter table "credential" add constraint "credential_learner_id_foreign" foreign key ("learner_id") references "learner" ("id") on update cascade;`,
    );
    this.addSql(
      `alter table "credential" add constraint "credential_course_enrolment_id_foreign" foreign key ("course_enrolment_id") references "course_enrolment" ("id") on update cascade on delete restrict;`,
    );
    this.addSql(
      `alter table "credential" add constraint "credential_qualification_enrolment_id_foreign" foreign key ("qualification_enrolment_id") references "qualification_enrolment" ("id") on update cascade on delete restrict;`,
    );
    this.addSql(
      `alter table "credential" add constraint "credential_issuing_officer_id_foreign" foreign key ("issuing_officer_id") references "issuing_officer" ("id") on update cascade on delete restrict;`,
    );
    this.addSql(
      `alter table "credential" add constraint "credential_replaces_id_foreign" foreign key ("replaces_id") references "credential" ("id") on update cascade on delete restrict;`,
    );

    this.addSql(
      `alter table "document_version" add constraint "document_version_credential_id_foreign" foreign key ("credential_id") references "credential" ("id") on update cascade;`,
    );

    this.addSql(
      `alter table "credential_event" add constraint "credential_event_credential_id_foreign" foreign key ("credential_id") references "credential" ("id") on update cascade;`,
    );

    this.addSql(
      `alter table "unit_result" add constraint "unit_result_qualification_enrolment_id_foreign" foreign key ("qualification_enrolment_id") references "qualification_enrolment" ("id") on update cascade;`,
    );
    this.addSql(
      `alter table "unit_result" add constraint "unit_result_unit_id_foreign" foreign key ("unit_id") references "unit" ("id") on update cascade;`,
    );

    // Hand-written: one active credential per course enrolment and template, and one active certificate per
    // qualification enrolment; concurrent or repeated requests cannot make a second one. A replacement (replaces_id
    // set) may stand beside the original it replaces until the original is cancelled.
    this.addSql(
      `create unique index "credential_active_course_template_unique" on "credential" ("course_enrolment_id", "template_id") where "status" <> 'Cancelled' and "deleted_at" is null and "replaces_id" is null and "course_enrolment_id" is not null;`,
    );
    this.addSql(
      `create unique index "credential_active_qualification_certificate_unique" on "credential" ("qualification_enrolment_id") where "type" = 'Certificate' and "status" <> 'Cancelled' and "deleted_at" is null and "replaces_id" is null and "qualification_enrolment_id" is not null;`,
    );
    // Hand-written: the certificate number serial, and the built-in templates every installation has.
    this.addSql(`create sequence "credential_number_seq" start 1;`);
    for (const t of builtinTemplateRows) {
      this.addSql(
        `insert into "credential_template" ("id", "created_at", "updated_at", "builtin_key", "name", "type", "applies_to", "current_version") ` +
          `values ('${t.id}', now(), now(), '${t.key}', '${t.name}', '${t.type}', '${t.appliesTo}', 1);`,
      );
      this.addSql(
        `insert into "credential_template_version" ("id", "created_at", "updated_at", "template_id", "version", "layout") ` +
          `values (gen_random_uuid(), now(), now(), '${t.id}', 1, null);`,
      );
    }
  }

  override async down(): Promise<void> {
    this.addSql(`drop sequence if exists "credential_number_seq";`);
    this.addSql(`alter table "course_offer" drop constraint "course_offer_course_id_foreign";`);

    this.addSql(`alter table "course_enrolment" drop constraint "course_enrolment_course_offer_id_foreign";`);

    this.addSql(
      `alter table "credential_template_version" drop constraint "credential_template_version_template_id_foreign";`,
    );

    this.addSql(`alter table "credential" drop constraint "credential_template_id_foreign";`);

    this.addSql(`alter table "credential" drop constraint "credential_issuing_officer_id_foreign";`);

    this.addSql(`alter table "course_enrolment" drop constraint "course_enrolment_learner_id_foreign";`);

    this.addSql(`alter table "qualification_enrolment" drop constraint "qualification_enrolment_learner_id_foreign";`);

    this.addSql(`alter table "credential" drop constraint "credential_learner_id_foreign";`);

    this.addSql(`alter table "credential" drop constraint "credential_course_enrolment_id_foreign";`);

    this.addSql(
      `alter table "qualification_enrolment" drop constraint "qualification_enrolment_qualification_id_foreign";`,
    );

    this.addSql(`alter table "credential" drop constraint "credential_qualification_enrolment_id_foreign";`);

    this.addSql(`alter table "unit_result" drop constraint "unit_result_qualification_enrolment_id_foreign";`);

    this.addSql(`alter table "credential" drop constraint "credential_replaces_id_foreign";`);

    this.addSql(`alter table "document_version" drop constraint "document_version_credential_id_foreign";`);

    this.addSql(`alter table "credential_event" drop constraint "credential_event_credential_id_foreign";`);

    this.addSql(`alter table "unit_result" drop constraint "unit_result_unit_id_foreign";`);

    this.addSql(`drop table if exists "api_key" cascade;`);

    this.addSql(`drop table if exists "bulk_run" cascade;`);

    this.addSql(`drop table if exists "course" cascade;`);

    this.addSql(`drop table if exists "course_offer" cascade;`);

    this.addSql(`drop table if exists "credential_template" cascade;`);

    this.addSql(`drop table if exists "credential_template_version" cascade;`);

    this.addSql(`drop table if exists "issuing_officer" cascade;`);

    this.addSql(`drop table if exists "learner" cascade;`);

    this.addSql(`drop table if exists "course_enrolment" cascade;`);

    this.addSql(`drop table if exists "organisation" cascade;`);

    this.addSql(`drop table if exists "qualification" cascade;`);

    this.addSql(`drop table if exists "qualification_enrolment" cascade;`);

    this.addSql(`drop table if exists "credential" cascade;`);

    this.addSql(`drop table if exists "document_version" cascade;`);

    this.addSql(`drop table if exists "credential_event" cascade;`);

    this.addSql(`drop table if exists "unit" cascade;`);

    this.addSql(`drop table if exists "unit_result" cascade;`);
  }
}
