import type { Browser, Page } from 'playwright-core';
import {
  CHROMIUM,
  chromiumAvailable as available,
  launchChromium,
  REPORT_CSP_VIOLATIONS,
} from '../../support/chromium';
import { TEST_TARGETS } from '../../support/test-database';
import { useTestServer } from '../../support/use-test-server';

if (!available) {
  console.warn(
    `Skipping the GraphiQL tabs browser test: ${CHROMIUM} is absent (apt-get install -y chromium).`,
  );
}

// Run in the page (browser JavaScript: the project compiles without DOM types). Functions,
// not strings: the page's CSP forbids evaluating strings there.
const headersText = (): string | false => {
  const editors = [
    ...(globalThis as any).document.querySelectorAll('.graphiql-editor-tool .CodeMirror'),
  ];
  const headers = editors.find((e: any) => e.CodeMirror.getValue().includes('Authorization'));
  return headers ? headers.CodeMirror.getValue() : false;
};
const responseText = (expected: string): string | false => {
  const host = (globalThis as any).document.querySelector('.graphiql-response .CodeMirror');
  const text: string = host ? host.CodeMirror.getValue() : '';
  return text.includes(expected) ? text : false;
};

const queryDefines = (name: string): boolean => {
  const host = (globalThis as any).document.querySelector('.graphiql-query-editor .CodeMirror');
  const text: string = host ? host.CodeMirror.getValue() : '';
  return new RegExp(`(query|mutation|subscription) ${name}\\b`).test(text);
};

/** Runs the active tab (the named operation where it holds several) and returns the JSON. */
async function run(page: Page, operation: string, expected: string): Promise<any> {
  // After a reload or a tab switch the editor fills a moment later: run too soon, GraphiQL
  // sends an empty query.
  await page.waitForFunction(queryDefines, operation);
  await page.locator('.graphiql-execute-button').click();
  const choice = page.locator('.graphiql-dropdown-item', { hasText: operation });
  if (
    await choice.count().then(
      (n) => n > 0,
      () => false,
    )
  )
    await choice.first().click();
  const text = await page.waitForFunction(responseText, expected).catch(async (error) => {
    // The answer that did come, so a failure says what the tab ran into.
    const shown = await page.evaluate(responseText, '');
    throw new Error(`${operation}: ${String(error)}\nresponse: ${String(shown)}`);
  });
  return JSON.parse((await text.jsonValue()) as string);
}

describe.each(TEST_TARGETS)('playground tabs in Chromium on $name', (target) => {
  let browser: Browser;
  // Before the server: jest runs afterAll hooks in declaration order, so this runs while it is up.
  afterAll(async () => {
    await browser?.close();
  });
  const server = useTestServer(target, { NODE_ENV: 'development' });

  (available ? it : it.skip)(
    'should apply a pasted token to every tab, new ones too, across a reload, and run the example tabs as shipped, CSP intact',
    async () => {
      const user = await server.user();
      browser = await launchChromium();
      const page = await browser.newPage();
      const problems: string[] = [];
      page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
      page.on('console', (message) => {
        if (message.type() === 'error') problems.push(`console: ${message.text()}`);
      });
      await page.exposeFunction('reportViolation', (text: string) => problems.push(`CSP: ${text}`));
      await page.addInitScript({ content: REPORT_CSP_VIOLATIONS });

      await page.goto(server.url);
      await page.waitForFunction(headersText);
      const pasted = JSON.stringify({ Authorization: `Bearer ${user.token}` }, null, 2);
      // GraphiQL hands over the editors' text after a debounce: wait until the page kept it
      // (a fixed pause was too short on a loaded machine). While it still sets itself up, it
      // may put its own text back in the editor: paste again whenever the token is gone.
      await page.waitForFunction(
        ([token, text]) => {
          const page = globalThis as any;
          const editors = [...page.document.querySelectorAll('.graphiql-editor-tool .CodeMirror')];
          const headers = editors.find((e: any) =>
            e.CodeMirror.getValue().includes('Authorization'),
          );
          const shown = headers?.CodeMirror.getValue().includes(token) === true;
          // Stored and shown on two polls in a row: GraphiQL is done putting its own text back.
          if (shown && page.localStorage.getItem('task-api:headers')?.includes(token)) {
            page.__tokenKept = (page.__tokenKept ?? 0) + 1;
            return page.__tokenKept >= 2;
          }
          page.__tokenKept = 0;
          if (headers && !shown) headers.CodeMirror.setValue(text);
          return false;
        },
        [user.token, pasted] as const,
        { polling: 250 },
      );
      await page.reload();
      const kept = await page.waitForFunction(headersText);
      expect(JSON.parse((await kept.jsonValue()) as string)).toEqual({
        Authorization: `Bearer ${user.token}`,
      });

      const first = await run(page, 'MyTasks', '"me"');
      expect(first.data.me.id).toBe(user.id);
      // Every other tab shows the pasted token, and so does a new one.
      const shownIn = async (tab: string) => {
        await page.locator('.graphiql-tab-button', { hasText: tab }).first().click();
        await page.waitForFunction((want) => {
          const editors = [
            ...(globalThis as any).document.querySelectorAll('.graphiql-editor-tool .CodeMirror'),
          ];
          return editors.some((e: any) => e.CodeMirror.getValue() === want);
        }, pasted);
      };
      await shownIn('LiveChanges');
      await page.locator('.graphiql-tab-add').click();
      await page.waitForFunction((want) => {
        const editors = [
          ...(globalThis as any).document.querySelectorAll('.graphiql-editor-tool .CodeMirror'),
        ];
        return editors.some((e: any) => e.CodeMirror.getValue() === want);
      }, pasted);
      await shownIn('MyTasks');

      await page.locator('.graphiql-tab-button', { hasText: 'CreateTask' }).first().click();
      const created = await run(page, 'CreateTask', '"createTask"');
      const id = created.data.createTask.id;
      expect(created.data.createTask).toMatchObject({ title: 'Try the API', completed: false });

      await page.locator('.graphiql-tab-button', { hasText: 'CompleteTask' }).first().click();
      const completed = await run(page, 'CompleteTask', '"updateTask"');
      expect(completed).toEqual({
        data: {
          updateTask: { id, title: 'Try the API', completed: true, updatedAt: expect.any(String) },
        },
      });

      for (const tab of ['CreateProject', 'ProjectsWithTasks', 'OpenUrgentTasks']) {
        await page.locator('.graphiql-tab-button', { hasText: tab }).first().click();
        const answer = await run(page, tab, '"data"');
        expect({ tab, errors: answer.errors }).toEqual({ tab, errors: undefined });
      }
      // The token pasted into the first tab is every tab's: the task is the user's, not
      // the demo user's.
      const mine = await user.gql('{ tasks { nodes { id completed } } }');
      expect(mine.body.data!.tasks.nodes).toContainEqual({ id, completed: true });
      const demo = await server.post(
        { query: '{ tasks { nodes { id } } }' },
        { authorization: `Bearer ${server.app.devToken}` },
      );
      expect((demo.body.data as any).tasks.nodes).not.toContainEqual({ id });

      await page.locator('.graphiql-tab-button', { hasText: 'DeleteTask' }).first().click();
      expect(await run(page, 'DeleteTask', '"deleteTask"')).toEqual({ data: { deleteTask: id } });
      expect(problems).toEqual([]);
    },
  );
});
