import { MikroORM } from '@mikro-orm/postgresql';
import { ormConfig } from '../../domain/orm-config';

/** Applies every pending committed migration; returns the names applied. */
export async function migrate(databaseUrl: string): Promise<string[]> {
  const orm = await MikroORM.init(ormConfig(databaseUrl, { poolMax: 2 }));
  try {
    const applied = await orm.getMigrator().up();
    return applied.map((m) => m.name);
  } finally {
    await orm.close();
  }
}
