import 'reflect-metadata';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { buildAppSchema, printAppSchema } from '../src/graphql/schema/build-schema';

/** Regenerates schema.graphql from the type-graphql classes (a test fails when it drifts). */
async function main(): Promise<void> {
  const file = join(__dirname, '..', '..', 'schema.graphql');
  await writeFile(file, printAppSchema(await buildAppSchema()));
  console.log(`wrote ${file}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
