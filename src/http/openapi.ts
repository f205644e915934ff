import { isDeepStrictEqual } from 'node:util';

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const isSchema = (value: Json) =>
  typeof value.title === 'string' &&
  ('type' in value || 'anyOf' in value || 'oneOf' in value || 'allOf' in value || 'properties' in value);

/**
 * Route schemas are written inline (TypeBox); a schema given a `title` is a named component. This moves each
 * titled schema of the generated document into `components.schemas` under its title and leaves a `$ref` in its
 * place, so clients generate one type per name. Two different schemas under one title are a programming error.
 */
export function hoistComponents<D extends Json>(document: D): D {
  const components = isObject(document.components) ? document.components : {};
  const schemas: Json = isObject(components.schemas) ? { ...components.schemas } : {};
  const hoist = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(hoist);
    if (!isObject(value)) return value;
    const copy: Json = {};
    for (const [key, child] of Object.entries(value))
      copy[key] = key === 'examples' || key === 'example' ? child : hoist(child);
    if (!isSchema(copy)) return copy;
    const name = (copy.title as string).replace(/[^A-Za-z0-9._-]/g, '');
    if (name in schemas && !isDeepStrictEqual(schemas[name], copy)) {
      throw new Error(`Two different schemas are named ${name}: give one of them another title`);
    }
    schemas[name] = copy;
    return { $ref: `#/components/schemas/${name}` };
  };
  const paths = hoist(document.paths);
  return { ...document, paths, components: { ...components, schemas } };
}
