import type { NearMissObservation } from '../../shared/diagnosis-types'
import { nameLabels, stripDot } from '../../shared/names'

export interface NearMissName {
  name: string
  hint: NearMissObservation['hint']
}

/**
 * Names where people put the record by mistake, for a record that belongs at `name` in `zone`:
 * the zone typed twice (a full name in a console that appends the zone), a `www` label too many,
 * the wildcard label kept from `*.example.com`, the underscore dropped, or the zone apex itself.
 */
export function nearMissNames(name: string, zone: string, baseDomain: string): NearMissName[] {
  const n = stripDot(name).toLowerCase()
  const z = stripDot(zone).toLowerCase()
  const base = stripDot(baseDomain).toLowerCase()
  const host = n === base ? '' : n.slice(0, n.length - base.length - 1)
  const out: NearMissName[] = []
  const add = (candidate: string, hint: NearMissName['hint']): void => {
    if (candidate !== n && nameLabels(candidate).every((l) => l.length <= 63) && candidate.length <= 253) {
      if (!out.some((o) => o.name === candidate)) out.push({ name: candidate, hint })
    }
  }
  if (z !== '.') add(`${n}.${z}`, 'zone_doubled')
  if (host !== '') {
    if (!base.startsWith('www.')) add(`${host}.www.${base}`, 'www_apex')
    else add(`${host}.${base.slice(4)}`, 'www_apex')
    add(`${host}.*.${base}`, 'wildcard')
    const first = nameLabels(host)[0]!
    if (first.startsWith('_')) add([first.slice(1), ...nameLabels(host).slice(1), base].join('.'), 'missing_underscore')
    add(base, 'other')
  }
  return out
}
