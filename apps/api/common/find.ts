import { NotFoundException } from '@nestjs/common';
import type { EntityClass, EntityManager, FilterQuery, FindOneOptions } from '@mikro-orm/postgresql';

/** findOne or a 404 that names what was looked for: "Learner 5b0e... not found". */
export async function findOr404<T extends object, P extends string = never>(
  em: EntityManager,
  entity: EntityClass<T>,
  id: string,
  options?: FindOneOptions<T, P>,
  label = entity.name.replace(/([a-z])([A-Z])/g, '$1 $2'),
) {
  const found = await em.findOne(entity, { id } as FilterQuery<T>, options);
  if (!found) throw new NotFoundException(`${label} ${id} not found`);
  return found;
}
