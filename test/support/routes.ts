import { INestApplication, RequestMethod, Type } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { MetadataScanner, ModulesContainer, Reflector } from '@nestjs/core';
import { routeAccessOf } from '@app/identity';

export interface WalkedRoute {
  method: string;
  path: string;
  controller: string;
  handler: string;
  access: ReturnType<typeof routeAccessOf>;
}

/**
 * Every route of every controller of every module of the application — including routes that
 * other modules add later — with the access rule it declares.
 */
export function walkRoutes(app: INestApplication): WalkedRoute[] {
  const reflector = new Reflector();
  const scanner = new MetadataScanner();
  const routes: WalkedRoute[] = [];
  const seen = new Set<unknown>();
  for (const mod of app.get(ModulesContainer).values()) {
    for (const wrapper of mod.controllers.values()) {
      const metatype = wrapper.metatype as Type<unknown> | null;
      if (!metatype || seen.has(metatype)) continue;
      seen.add(metatype);
      const base = ([] as string[]).concat(Reflect.getMetadata(PATH_METADATA, metatype) ?? '');
      for (const name of scanner.getAllMethodNames(metatype.prototype)) {
        const handler = (metatype.prototype as Record<string, unknown>)[name] as object;
        const paths = Reflect.getMetadata(PATH_METADATA, handler) as string | string[] | undefined;
        if (paths === undefined) continue;
        const method = RequestMethod[Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod];
        for (const b of base) {
          for (const p of ([] as string[]).concat(paths)) {
            const path = ('/' + [b, p].filter((s) => s && s !== '/').join('/')).replace(/\/+/g, '/');
            routes.push({
              method,
              path,
              controller: metatype.name,
              handler: name,
              access: routeAccessOf(reflector, handler, metatype),
            });
          }
        }
      }
    }
  }
  return routes;
}
