import { createBetterAuthToken, signUpWithBetterAuth } from './better-auth.token';
import { describeError } from './error-code';
import { runExampleApp } from './example-app';
import { createTaskApiClient } from './task-api.client';

/**
 * `npm run example`. With BETTER_AUTH_URL, EXAMPLE_EMAIL and EXAMPLE_PASSWORD it signs in to
 * Better Auth (EXAMPLE_SIGN_UP=1 creates the account first) and refreshes the token on 401;
 * otherwise it sends TASK_API_TOKEN (the demo token the dev server prints) as it is.
 */
async function main(): Promise<void> {
  const env = process.env;
  const uri = env.API_URL ?? 'http://127.0.0.1:4000/graphql';
  let client;
  if (env.BETTER_AUTH_URL && env.EXAMPLE_EMAIL && env.EXAMPLE_PASSWORD) {
    const account = {
      baseUrl: env.BETTER_AUTH_URL,
      email: env.EXAMPLE_EMAIL,
      password: env.EXAMPLE_PASSWORD,
    };
    if (env.EXAMPLE_SIGN_UP === '1') {
      await signUpWithBetterAuth({ ...account, name: env.EXAMPLE_NAME ?? 'Example user' });
    }
    const token = createBetterAuthToken(account);
    client = createTaskApiClient({ uri, getToken: token.getToken, refreshToken: token.refresh });
  } else if (env.TASK_API_TOKEN) {
    client = createTaskApiClient({ uri, getToken: () => env.TASK_API_TOKEN });
  } else {
    throw new Error(
      'Set BETTER_AUTH_URL, EXAMPLE_EMAIL and EXAMPLE_PASSWORD, or TASK_API_TOKEN (see the README)',
    );
  }
  try {
    await runExampleApp(client, (line) => console.log(line));
  } finally {
    client.stop();
  }
}

main().catch((error: unknown) => {
  for (const line of describeError(error)) console.error(line);
  process.exitCode = 1;
});
