import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import mongoose, { type Connection, type Schema } from 'mongoose';

/** Every source file under `dir` that declares a mongoose schema. */
function schemaFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return schemaFiles(path);
    return path.endsWith('.ts') && readFileSync(path, 'utf8').includes('new Schema') ? [path] : [];
  });
}

/**
 * A connection (never opened) with every model of the domain registered: each exported
 * `…Model(connection)` function of every file that declares a schema is called, so a
 * model added in a new file is found without anyone listing it.
 */
export async function connectionWithEveryModel(domainDir: string): Promise<{ connection: Connection; files: string[] }> {
  const connection = mongoose.createConnection();
  const files = schemaFiles(domainDir);
  for (const file of files) {
    const exports = (await import(pathToFileURL(file).href)) as Record<string, unknown>;
    for (const [name, value] of Object.entries(exports)) {
      if (name.endsWith('Model') && typeof value === 'function' && value.length === 1) (value as (c: Connection) => unknown)(connection);
    }
  }
  return { connection, files: files.map((f) => relative(domainDir, f)) };
}

/** The ObjectId paths of a schema (nested objects, subdocuments and arrays included), `_id`s excepted. */
export function objectIdPaths(schema: Schema, prefix = ''): string[] {
  const found: string[] = [];
  schema.eachPath((path, type) => {
    const full = `${prefix}${path}`;
    const sub = (type as { schema?: Schema }).schema;
    if (sub) {
      found.push(...objectIdPaths(sub, `${full}.`));
      return;
    }
    if (path === '_id' || path.endsWith('._id')) return;
    const element = (type as { embeddedSchemaType?: { instance?: string } }).embeddedSchemaType;
    if (type.instance === 'ObjectId' || (type.instance === 'Array' && element?.instance === 'ObjectId')) found.push(full);
  });
  return found;
}
