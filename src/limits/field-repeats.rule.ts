import type { ValidationRule } from 'graphql';
import { validationAbortedError } from 'graphql/validation/validationAbortedError';
import { LimitExceededError } from '../errors/errors';
import { fieldRepeats } from './field-repeats';

export interface FieldRepeatLimits {
  /** Field nodes that may merge into one path of the answer. */
  readonly maxFieldRepeats: number;
  /** Field nodes the document may expand to once its fragments are spread. */
  readonly maxExpandedFields: number;
}

function refusal(
  found: ReturnType<typeof fieldRepeats>,
  limits: FieldRepeatLimits,
): LimitExceededError | undefined {
  if (found.expanded > limits.maxExpandedFields) {
    return new LimitExceededError(
      'expanded_fields',
      `The document expands to more than ${limits.maxExpandedFields} fields once its ` +
        `fragments are spread.`,
    );
  }
  if (found.count > limits.maxFieldRepeats) {
    return new LimitExceededError(
      'field_repeats',
      `The field "${found.path}" is asked ${found.count} times in one place; at most ` +
        `${limits.maxFieldRepeats} may merge there.`,
    );
  }
  return undefined;
}

/**
 * Refuses repeated fields before graphql-js compares them. Its rule that fields can merge
 * compares every two that do, so a few hundred copies of `me { id }` cost validation
 * hundreds of milliseconds. All rules share one pass, and that comparison starts at the first
 * selection set, so this one decides on entering the document and then stops the pass the
 * way graphql-js's own budget does: its abort error, which `validate` answers as an error.
 */
export function fieldRepeatsRule(limits: FieldRepeatLimits): ValidationRule {
  return (context) => ({
    Document(document) {
      const refused = refusal(fieldRepeats(document, limits.maxExpandedFields), limits);
      if (!refused) return false;
      context.reportError(refused);
      throw validationAbortedError;
    },
  });
}
