import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Type } from '@nestjs/common';
import { CONTROLLER_WATERMARK } from '@nestjs/common/constants';
import { apiModules } from '../support/nest-modules';

const apiDir = join(__dirname, '../../apps/api');

/** The controller classes that apps/api/**\/*.controller.ts export. */
async function controllersInSource(): Promise<Type[]> {
  const files = readdirSync(apiDir, { recursive: true, encoding: 'utf8' }).filter((file) =>
    file.endsWith('.controller.ts'),
  );
  const exported = await Promise.all(files.map((file) => import(join(apiDir, file)) as Promise<object>));
  return exported
    .flatMap((exports) => Object.values(exports))
    .filter((value): value is Type => typeof value === 'function' && Reflect.getMetadata(CONTROLLER_WATERMARK, value));
}

describe('API modules', () => {
  const modules = apiModules();

  // A controller left out of every module is never routed, and no test of another area notices.
  it('declare every controller exactly once', async () => {
    const declarations = (controller: Type) =>
      modules.filter(({ controllers }) => controllers.includes(controller)).length;
    const source = await controllersInSource();
    expect(source.length).toBeGreaterThan(10);
    expect(source.map((controller) => [controller.name, declarations(controller)])).toEqual(
      source.map((controller) => [controller.name, 1]),
    );
    expect(modules.flatMap(({ controllers }) => controllers).length).toBe(source.length);
  });

  // A class declared in two modules would be two instances, each with its own state.
  it('declare each provider class in one module only', () => {
    const declared = modules.flatMap(({ module, providers }) =>
      providers.filter((provider) => typeof provider === 'function').map((provider) => ({ provider, module })),
    );
    const twice = declared
      .filter(({ provider }) => declared.filter((other) => other.provider === provider).length > 1)
      .map(({ provider, module }) => `${provider.name} in ${module.name}`);
    expect(twice).toEqual([]);
  });
});
