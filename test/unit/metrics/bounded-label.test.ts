import { boundedLabel } from '../../../src/metrics/bounded-label';

describe('boundedLabel', () => {
  it('should keep the first names and fold every later one into other', () => {
    const label = boundedLabel(3);
    expect(['A', 'B', 'C', 'D', 'A', 'E'].map(label)).toEqual([
      'A',
      'B',
      'C',
      'other',
      'A',
      'other',
    ]);
  });

  it('should name missing operations anonymous and refuse names GraphQL would not allow', () => {
    const label = boundedLabel(10);
    expect(label(undefined)).toBe('anonymous');
    expect(label(null)).toBe('anonymous');
    expect(label('')).toBe('anonymous');
    expect(label('has space')).toBe('other');
    expect(label('a"}\n')).toBe('other');
    expect(label('x'.repeat(101))).toBe('other');
  });
});
