import type { DynamicModule, ForwardReference, Provider, Type } from '@nestjs/common';
import { MODULE_METADATA } from '@nestjs/common/constants';
import { AppModule } from '../../apps/api/app.module';
import { loadConfig } from '../../apps/config';

type Import = Type | DynamicModule | ForwardReference | Promise<DynamicModule>;

export interface ModuleDeclarations {
  module: Type;
  controllers: Type[];
  providers: Provider[];
}

function declarations(definition: Type | DynamicModule): ModuleDeclarations & { imports: Import[] } {
  const module = 'module' in definition ? definition.module : definition;
  const dynamic = 'module' in definition ? definition : {};
  const both = <T>(key: 'imports' | 'controllers' | 'providers'): T[] => [
    ...(Reflect.getMetadata(MODULE_METADATA[key.toUpperCase() as 'IMPORTS'], module) ?? []),
    ...((dynamic as DynamicModule)[key] ?? []),
  ];
  return {
    module,
    imports: both<Import>('imports'),
    controllers: both<Type>('controllers'),
    providers: both('providers'),
  };
}

/** Every module the API's AppModule brings in (its own included), each once, with what it declares. */
export function apiModules(): ModuleDeclarations[] {
  const root = AppModule.register({ ...loadConfig({}), databaseUrl: 'postgres://unused' });
  const seen = new Map<Type, ModuleDeclarations>();
  const visit = (definition: Import) => {
    if (definition instanceof Promise || 'forwardRef' in definition) return;
    const { imports, ...found } = declarations(definition);
    if (seen.has(found.module)) return;
    seen.set(found.module, found);
    imports.forEach(visit);
  };
  visit(root);
  return [...seen.values()];
}

/** Every controller the API serves. */
export function apiControllers(): Type[] {
  return apiModules().flatMap(({ controllers }) => controllers);
}
