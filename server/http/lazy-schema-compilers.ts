import AjvCompiler from '@fastify/ajv-compiler';
import SerializerCompiler from '@fastify/fast-json-stringify-compiler';
import type { FastifyServerOptions } from 'fastify';

// Fastify compiles every route's request validator (Ajv) and response serializer
// (fast-json-stringify) while the server gets ready: with this server's routes that was about half of
// start-up. These factories wrap Fastify's own compilers, with Fastify's own options, so that each
// schema is compiled when a request first needs it; that first request pays a few milliseconds once.

type CompilersFactory = NonNullable<NonNullable<FastifyServerOptions['schemaController']>['compilersFactory']>;
type Validator = ((data: unknown) => unknown) & { errors?: unknown };

/** A validator that compiles on first call and shows the compiled one's `errors`, as Fastify reads them. */
function lazyValidator(compile: () => Validator): Validator {
  let compiled: Validator | undefined;
  const validate: Validator = (data) => {
    compiled ??= compile();
    const result = compiled(data);
    validate.errors = compiled.errors;
    return result;
  };
  return validate;
}

function lazySerializer(compile: () => (data: unknown) => string): (data: unknown) => string {
  let compiled: ((data: unknown) => string) | undefined;
  return (data) => (compiled ??= compile())(data);
}

export function lazySchemaCompilers(): CompilersFactory {
  const buildValidator = AjvCompiler();
  const buildSerializer = SerializerCompiler();
  return {
    buildValidator: (externalSchemas, options) => {
      const compileRoute = buildValidator(externalSchemas as never, options as never);
      // Fastify calls the result and reads `errors`; Ajv's other fields are not used.
      return ((route: unknown) => lazyValidator(() => compileRoute(route as never) as Validator)) as never;
    },
    buildSerializer: (externalSchemas, options) => {
      const compileRoute = buildSerializer(externalSchemas as never, options as never);
      return (route) => lazySerializer(() => compileRoute(route as never) as (data: unknown) => string);
    },
  };
}
