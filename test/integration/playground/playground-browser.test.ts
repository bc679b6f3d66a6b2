import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import {
  CHROMIUM,
  chromiumAvailable as available,
  launchChromium as launch,
  REPORT_CSP_VIOLATIONS,
} from '../../support/chromium';
import { TEST_TARGETS } from '../../support/test-database';
import { useTestServer } from '../../support/use-test-server';

const ARTIFACTS = join(__dirname, '../../../test-artifacts');
if (!available) {
  console.warn(
    `Skipping the GraphiQL browser test: ${CHROMIUM} is absent (apt-get install -y chromium).`,
  );
}

/** Polled in the page; a function, since the page's CSP forbids evaluating strings there. */
const responseText = (expected: string): string | false => {
  const host = (globalThis as any).document.querySelector('.graphiql-response .CodeMirror');
  const text: string = host ? host.CodeMirror.getValue() : '';
  return text.includes(expected) ? text : false;
};
const ADD_INLINE_STYLE = `document.head.append(
  Object.assign(document.createElement('style'), { textContent: 'body { color: red; }' }))`;

describe.each(TEST_TARGETS)('playground in Chromium on $name', (target) => {
  let browser: Browser;
  // Before the server: jest runs afterAll hooks in declaration order, so this runs while it is up.
  afterAll(async () => {
    await browser?.close();
  });
  const server = useTestServer(target, { NODE_ENV: 'development' });

  (available ? it : it.skip)(
    "should run a query typed into GraphiQL and show the viewer's tasks",
    async () => {
      const title = `Seeded for the playground ${Date.now()}`;
      const seeded = await server.post(
        {
          query: 'mutation($t: String!) { createTask(input: { title: $t }) { id } }',
          variables: { t: title },
        },
        { authorization: `Bearer ${server.app.devToken}` },
      );
      expect(seeded.status).toBe(200);

      browser ??= await launch();
      const page = await browser.newPage();
      const origin = new URL(server.url).origin;
      const problems: string[] = [];
      page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
      page.on('request', (request) => {
        const url = request.url();
        if (!url.startsWith(`${origin}/`) && !url.startsWith('data:')) {
          problems.push(`request elsewhere: ${url}`);
        }
      });
      page.on('console', (message) => {
        if (message.type() === 'error') problems.push(`console: ${message.text()}`);
      });
      // Violations of the Content-Security-Policy are reported to the page, then to us.
      await page.exposeFunction('reportViolation', (text: string) => problems.push(`CSP: ${text}`));
      await page.addInitScript({ content: REPORT_CSP_VIOLATIONS });

      await page.goto(server.url);
      const editor = page.locator('.graphiql-query-editor .CodeMirror').first();
      await editor.waitFor();
      await editor.click();
      await page.keyboard.press('Control+A');
      await page.keyboard.press('Delete');
      // The editor closes each brace as it is typed.
      await page.keyboard.type('query ViewerTasks { me { id tasks { totalCount nodes { id title');
      // The tab takes the operation's name once GraphiQL has parsed the new text.
      await page.locator('.graphiql-tab-active', { hasText: 'ViewerTasks' }).waitFor();
      await page.locator('.graphiql-execute-button').click();

      const response = await page.waitForFunction(responseText, title);
      const result = JSON.parse((await response.jsonValue()) as string);
      expect(result.data.me.id).toBe('demo-user');
      expect(result.data.me.tasks.nodes).toContainEqual({
        id: (seeded.body.data as any).createTask.id,
        title,
      });

      await mkdir(ARTIFACTS, { recursive: true });
      const screenshot = join(ARTIFACTS, `playground-${target.name}.png`);
      await page.screenshot({ path: screenshot, fullPage: true });
      expect(existsSync(screenshot)).toBe(true);
      expect(problems).toEqual([]);

      // The check itself: an inline style must be reported, or the empty list proves nothing.
      await page.evaluate(ADD_INLINE_STYLE);
      const reported = () => problems.some((problem) => problem.startsWith('CSP: style-src'));
      for (let i = 0; i < 100 && !reported(); i += 1) await page.waitForTimeout(20);
      expect(reported()).toBe(true);
    },
  );

  (available ? it : it.skip)(
    'should run a subscription in GraphiQL with the demo token and show a change as it commits',
    async () => {
      browser ??= await launch();
      const page = await browser.newPage();
      const problems: string[] = [];
      page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
      page.on('console', (message) => {
        if (message.type() === 'error') problems.push(`console: ${message.text()}`);
      });
      await page.exposeFunction('reportViolation', (text: string) => problems.push(`CSP: ${text}`));
      await page.addInitScript({ content: REPORT_CSP_VIOLATIONS });
      await page.goto(server.url);
      const editor = page.locator('.graphiql-query-editor .CodeMirror').first();
      await editor.waitFor();
      await editor.click();
      await page.keyboard.press('Control+A');
      await page.keyboard.press('Delete');
      await page.keyboard.type('subscription Watch { taskChanged { kind task { title');
      await page.locator('.graphiql-tab-active', { hasText: 'Watch' }).waitFor();
      await page.locator('.graphiql-execute-button').click();

      const title = `Live in the playground ${Date.now()}`;
      // Written until the socket is up: the first writes may come before the subscription.
      let response;
      for (let i = 0; i < 20 && !response; i += 1) {
        const written = await server.post(
          {
            query: 'mutation($t: String!) { createTask(input: { title: $t }) { id } }',
            variables: { t: title },
          },
          { authorization: `Bearer ${server.app.devToken}` },
        );
        expect(written.status).toBe(200);
        response = await page
          .waitForFunction(responseText, title, { timeout: 500 })
          .catch(() => undefined);
      }
      expect(response).toBeDefined();
      const result = JSON.parse((await response!.jsonValue()) as string);
      expect(result.data.taskChanged).toEqual({ kind: 'CREATED', task: { title } });
      expect(problems).toEqual([]);
    },
  );
});
