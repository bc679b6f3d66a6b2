import type { ApolloServerOptions, BaseContext } from '@apollo/server';
import { ApolloArmor } from '@escape.tech/graphql-armor';
import type { GraphQLError, ValidationContext } from 'graphql';
import type { OperationLimits } from '../config';
import { LimitExceededError } from '../errors/errors';
import { costLimitRule } from './cost-limit.rule';
import { fieldRepeatsRule } from './field-repeats.rule';
import { MAX_TAGS_PER_TASK } from '../domain/text-limits';
import { MAX_PAGE_SIZE } from '../pagination/page-args';

/** Armor's messages start "Syntax Error:", which they are not; the rest is clear. */
function report(limit: string) {
  return (context: ValidationContext | null, error: GraphQLError) => {
    const message = error.message.replace(/^Syntax Error:\s*/, '');
    context?.reportError(new LimitExceededError(limit, message));
  };
}

/** One armor protection, reporting through the validation context instead of throwing. */
function armorLimit(limit: string, n: number) {
  return { n, exposeLimits: true, propagateOnRejection: false, onReject: [report(limit)] };
}

export type LimitOptions = Pick<
  ApolloServerOptions<BaseContext>,
  'validationRules' | 'parseOptions' | 'validationOptions'
>;

/**
 * Apollo options that bound what one document may ask for. Token counting is graphql-js's own
 * (it aborts the parse as soon as the count passes); armor's plugin would parse twice. Where
 * introspection is off, nothing is exempt from the limits, so naming a field or fragment
 * `__schema` buys nothing.
 */
export function operationLimits(
  limits: OperationLimits,
  production: boolean,
  introspection = !production,
): LimitOptions {
  const ignoreIntrospection = introspection;
  const armor = new ApolloArmor({
    blockFieldSuggestion: { enabled: false }, // formatError strips suggestions, with no residue
    maxTokens: { enabled: false },
    costLimit: { enabled: false }, // multiplies literal `first` only: see cost-limit.rule.ts
    maxDepth: {
      ...armorLimit('depth', limits.maxDepth),
      flattenFragments: true,
      ignoreIntrospection,
    },
    // __typename counts too: a thousand aliases of it still make a thousand answers.
    maxAliases: { ...armorLimit('aliases', limits.maxAliases), allowList: [] },
    maxDirectives: armorLimit('directives', limits.maxDirectives),
  }).protect();
  return {
    parseOptions: { maxTokens: limits.maxTokens },
    validationOptions: { maxErrors: limits.maxValidationErrors, hideSuggestions: production },
    validationRules: [
      // First: it stops validation before graphql-js compares repeated fields pairwise.
      fieldRepeatsRule({
        maxFieldRepeats: limits.maxFieldRepeats,
        // Generous: past it, a document within the token limit must spread fragments inside
        // fragments many times over, which only a crafted document does.
        maxExpandedFields: 10 * limits.maxTokens,
      }),
      ...armor.validationRules,
      costLimitRule({
        maxCost: limits.maxCost,
        maxPageSize: MAX_PAGE_SIZE,
        // The only list without a page size is Task.tags.
        listSize: MAX_TAGS_PER_TASK,
        ignoreIntrospection,
      }),
    ],
  };
}
