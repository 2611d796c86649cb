// Name helpers for the lab. Kept apart from src/main/dns/names.ts on purpose: the harness must keep
// working when the code under test is broken, so it depends on nothing in src/.

/** Lower-case, no trailing dot; the root is '.'. */
export function canonicalName(name: string): string {
  const trimmed = name.trim().toLowerCase()
  if (trimmed === '.' || trimmed === '') return '.'
  return trimmed.endsWith('.') ? trimmed.slice(0, -1) : trimmed
}

/** The form zone files need when no $ORIGIN may be appended: 'example.test.' and '.' for the root. */
export function absoluteName(name: string): string {
  const canonical = canonicalName(name)
  return canonical === '.' ? '.' : `${canonical}.`
}

/** True when `name` equals `zone` or lies below it. Every name is at or below the root. */
export function isAtOrBelow(name: string, zone: string): boolean {
  const n = canonicalName(name)
  const z = canonicalName(zone)
  return z === '.' || n === z || n.endsWith(`.${z}`)
}

/** A file-system friendly name for a zone file: 'root' for '.', otherwise the name itself. */
export function zoneFileStem(apex: string): string {
  const canonical = canonicalName(apex)
  return canonical === '.' ? 'root' : canonical
}
