import * as z from 'zod/mini';
import { _default, array, boolean, int, literal, looseObject, maximum, minimum, object, optional, regex, strictObject, string, transform, unknown } from 'zod/mini';
import type { Field, Fields, Output } from './shape';

/**
 * The zod side of shape.ts: the one place a declared shape meets zod itself, used only when a
 * schema is first needed (a value the quick check declines, an error to explain).
 */

/**
 * The parts of zod/mini the declarations use, named one by one: handing zod's whole namespace to
 * them would keep every part of zod in the bundle (the bundler drops only what no name reaches).
 */
const ZOD = { _default, array, boolean, int, literal, looseObject, maximum, minimum, object, optional, regex, strictObject, string, transform, unknown };
export type Zod = typeof ZOD;

export function zodOf(build: (zod: Zod) => z.ZodMiniType): z.ZodMiniType {
  return build(ZOD);
}

/** A declared field's zod schema, as its type: optional ones stay optional. */
type ZodOfField<F> = F extends Field<unknown, 'optional'> ? z.ZodMiniOptional<z.ZodMiniType<Output<F>>> : z.ZodMiniType<Output<F>>;

/** Declared fields as zod schemas, to spread into a schema written in zod directly (writeEvents.ts). */
export function zodFields<S extends Fields>(fields: S): { [K in keyof S]: ZodOfField<S[K]> } {
  const out: Record<string, z.ZodMiniType> = {};
  for (const [key, f] of Object.entries(fields)) out[key] = (f as Field<unknown>).zod(ZOD);
  return out as { [K in keyof S]: ZodOfField<S[K]> };
}
