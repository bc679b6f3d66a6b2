/** Which protections the abuse suite saw hold, and on which targets: printed at its end. */
const seen = new Map<string, Set<string>>();

/** Called after a test's expectations, so only protections that held are listed. */
export function markExercised(protection: string, target: string): void {
  const targets = seen.get(protection) ?? new Set<string>();
  targets.add(target);
  seen.set(protection, targets);
}

export function protectionSummary(): string {
  const rows = [...seen].map(([name, targets]) => `  ✓ ${name} (${[...targets].join(', ')})`);
  return [`Abuse suite: ${rows.length} protections exercised`, ...rows].join('\n');
}
