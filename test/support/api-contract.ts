import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');

/**
 * The public contract lives beside the checkout (../shared), not in it: a plain clone has
 * none. API_CONTRACT_PATH points elsewhere (tests of the skip itself point it at nothing).
 */
export const API_CONTRACT_PATH =
  process.env.API_CONTRACT_PATH ?? join(ROOT, '..', 'shared', 'api-contract.graphql');

/** The contract's SDL, or undefined where the file is absent. */
export function readApiContract(): string | undefined {
  return existsSync(API_CONTRACT_PATH) ? readFileSync(API_CONTRACT_PATH, 'utf8') : undefined;
}
