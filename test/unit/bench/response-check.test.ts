import { checkResponse, noErrors } from '../../../bench/response-check';

const conflict = JSON.stringify({
  data: null,
  errors: [{ message: 'retry', extensions: { code: 'CONFLICT' } }],
});

describe('bench response checks', () => {
  it('should count a CONFLICT as expected only where the scenario allows it', () => {
    const allowed = checkResponse(200, conflict, 'bench-000001', noErrors, false, {
      conflictAllowed: true,
    });
    expect(allowed).toMatchObject({ problem: undefined, conflict: true });
    const refused = checkResponse(200, conflict, 'bench-000001', noErrors);
    expect(refused.problem).toMatch(/CONFLICT/);
  });

  it("should flag another user's string even in an answer that is otherwise fine", () => {
    const text = JSON.stringify({ data: { task: { title: 'Task 1 of bench-000002' } } });
    const checked = checkResponse(200, text, 'bench-000001', noErrors);
    expect(checked.foreignStrings).toBe(1);
    expect(checked.problem).toBe('1 foreign strings');
  });
});
