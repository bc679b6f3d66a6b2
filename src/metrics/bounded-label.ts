const NAME = /^[_A-Za-z][_0-9A-Za-z]{0,99}$/;

/**
 * Operation names come from clients: unbounded, they would let any caller create new time
 * series until Prometheus falls over. The first `max` valid names are kept; the rest are
 * `other`.
 */
export function boundedLabel(max: number): (name: string | null | undefined) => string {
  const seen = new Set<string>();
  return (name) => {
    if (!name) return 'anonymous';
    if (seen.has(name)) return name;
    if (!NAME.test(name) || seen.size >= max) return 'other';
    seen.add(name);
    return name;
  };
}
