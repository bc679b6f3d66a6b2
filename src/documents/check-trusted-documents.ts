import { parse, specifiedRules, validate, type GraphQLSchema, type ValidationRule } from 'graphql';
import { TrustedDocumentsError, type TrustedDocuments } from './trusted-manifest';

/**
 * Parses and validates every listed document against the schema, with the server's own
 * limits, before the server listens: a manifest built for another version of the API stops
 * start-up instead of failing its users one operation at a time.
 */
export function checkTrustedDocuments(
  path: string,
  trusted: TrustedDocuments,
  schema: GraphQLSchema,
  rules: readonly ValidationRule[],
): void {
  const problems = trusted.documents.flatMap((document) => {
    const label = `${document.name ?? 'operation'} (${document.id.slice(0, 12)})`;
    try {
      const errors = validate(schema, parse(document.body), [...specifiedRules, ...rules]);
      return errors.map((error) => `${label}: ${error.message}`);
    } catch (error) {
      return [`${label}: ${(error as Error).message}`];
    }
  });
  if (problems.length > 0) throw new TrustedDocumentsError(path, problems);
}
