import { prettyLine } from '../../../src/log/pretty-line';

const line = (entry: Record<string, unknown>) =>
  JSON.stringify({
    level: 30,
    time: Date.UTC(2026, 0, 2, 12, 0, 1, 234),
    pid: 1,
    hostname: 'h',
    service: 'task-api',
    ...entry,
  });

describe('prettyLine', () => {
  it('should print an access line as time, level, method, operation, status and duration', () => {
    expect(
      prettyLine(
        line({
          requestId: 'r1',
          event: 'request',
          method: 'POST',
          operation: 'MyTasks',
          status: 200,
          durationMs: 3.1,
          msg: 'POST MyTasks 200 3.1ms',
        }),
      ),
    ).toBe(
      '12:00:01.234 INFO  POST MyTasks 200 3.1ms requestId=r1 event=request method=POST operation=MyTasks status=200 durationMs=3.1\n',
    );
  });

  it("should put an error's stack on the lines below, indented", () => {
    const out = prettyLine(
      line({
        level: 50,
        msg: 'request failed',
        err: { message: 'boom', stack: 'Error: boom\n    at x' },
      }),
    );
    expect(out).toBe('12:00:01.234 ERROR request failed\n  Error: boom\n      at x\n');
  });

  it('should quote values with spaces and pass through what is not JSON', () => {
    expect(prettyLine(line({ msg: 'm', note: 'two words' }))).toContain('note="two words"');
    expect(prettyLine('not json\n')).toBe('not json\n');
  });
});
