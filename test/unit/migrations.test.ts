import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Migration20261129193136 } from '../../domain/migrations/Migration20261129193136';
import { builtinTemplates } from '../../domain/templates/builtins';

const migrationsDir = join(__dirname, '..', '..', 'domain', 'migrations');

describe('migrations', () => {
  it('import nothing but MikroORM: a migration inserts the same rows whenever it runs', () => {
    for (const file of readdirSync(migrationsDir).filter((f) => /^Migration\d+\.ts$/.test(f))) {
      const imports = [...readFileSync(join(migrationsDir, file), 'utf8').matchAll(/from '([^']+)'/g)].map((m) => m[1]);
      expect({ file, imports }).toEqual({ file, imports: ['@mikro-orm/migrations'] });
    }
  });

  it('install the built-in templates with the ids and values the code knows them by', async () => {
    const sut = new Migration20261129193136({} as never, {} as never);
    await sut.up();
    const inserted = sut
      .getQueries()
      .map(String)
      .flatMap((sql) => {
        const m =
          /^insert into "credential_template" .* values \('([^']+)', now\(\), now\(\), '([^']+)', '([^']+)', '([^']+)', '([^']+)', 1\);$/.exec(
            sql,
          );
        return m ? [{ id: m[1], key: m[2], name: m[3], type: m[4], appliesTo: m[5] }] : [];
      });
    expect(inserted).toEqual(builtinTemplates);
  });
});
