import type { z } from 'zod';

type Issue = Parameters<z.core.$ZodErrorMap>[0];

/**
 * Zod's messages, said for environment variables: `PORT must be a whole number from 0 to
 * 65535`, not `Invalid input: expected number, received NaN`. Values are never echoed:
 * some (DATABASE_URL, secrets) carry passwords. Custom messages in the schema win.
 */
export function configIssueMessage(issue: Issue): string | undefined {
  const name = issue.path?.join('.') || 'environment';
  switch (issue.code) {
    case 'invalid_type':
      if (issue.expected === 'number' || issue.expected === 'int') {
        return `${name} must be a whole number`;
      }
      return `${name} must be ${issue.expected}`;
    case 'too_small':
      return issue.origin === 'string'
        ? `${name} must be at least ${issue.minimum} characters`
        : `${name} must be at least ${issue.minimum}`;
    case 'too_big':
      return `${name} must be at most ${issue.maximum}`;
    case 'invalid_value':
      return `${name} must be one of ${issue.values.map(String).join(', ')}`;
    case 'invalid_format':
      return issue.format === 'url' ? `${name} must be a URL` : undefined;
    default:
      return undefined;
  }
}
