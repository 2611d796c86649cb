import type { DnsRecord, DnsResponse, ServerAddress } from '../../shared/dns-types'
import type { TraceStep } from './iterative-types'
import type { WalkEnd, ZoneServers } from './walk-types'
import { isSubdomainOf, nameLabels, parentName, stripDot } from '../../shared/names'

/**
 * What one resolver has learned about the shape of the tree, shared by all its walks the way a
 * recursive resolver's infrastructure cache is (RFC 1034 5.3.3, step 2: "find the best servers to
 * ask"), so that checking several names costs the root and the TLD one question each:
 * - zone cuts with their servers, from referrals: a walk starts at the deepest cut known for its name;
 * - questions in flight to a zone that delegates: a walk about to ask the same zone about a name
 *   under the same child label waits for that answer (the same referral) instead of asking again;
 * - addresses found for name servers that came without glue;
 * - names an authoritative server said do not exist: nothing below them exists either (RFC 8020);
 * - the SOA record each server sent for its zone, with any answer.
 * Nothing expires: an instance lives for one run (one diagnosis, one command).
 */
export class DelegationCache {
  private readonly cuts = new Map<string, ZoneServers>()
  /** Zones seen to refer to a child: asking them about a name below almost always gives a referral. */
  private readonly delegating = new Set<string>()
  private readonly inFlight = new Set<Flight>()
  private readonly addresses = new Map<string, ServerAddress[]>()
  private readonly nxdomains = new Map<string, KnownNxdomain>()
  private readonly soas = new Map<string, DnsRecord>()

  constructor(private readonly root: ZoneServers) {}

  /** The deepest zone cut known that holds `name` (the name itself when it is a cut), else the root. */
  closestCut(name: string): ZoneServers {
    for (let n: string | null = key(name); n !== null && n !== '.'; n = parentName(n)) {
      const cut = this.cuts.get(n)
      if (cut) return cut
    }
    return this.root
  }

  /** A referral received from the servers of `from`. The first one seen for a cut is kept. */
  learnReferral(from: string, to: ZoneServers): void {
    this.delegating.add(key(from))
    if (!this.cuts.has(key(to.zone))) this.cuts.set(key(to.zone), to)
  }

  /**
   * Where a walk for `name` that has reached `at` should ask next: the deepest cut known below `at`,
   * once no question in flight to that zone's servers (from another walk) is about to reveal a
   * deeper one. Waiting happens only at zones that delegate (the root, top-level domains, zones seen
   * to refer): there a referral is almost certain, and waiting for it costs no time, since our own
   * question would arrive at the same moment. Below, cuts are rare and asking at once is better.
   *
   * Returns synchronously when there is nothing to wait for, so that a walk registers its own
   * question (startQuestion) in the same tick it started: walks started together then find it.
   * `wait` false for walks nested in another walk's question (looking up a name server's address):
   * that question stays in flight meanwhile, and two such walks waiting for each other would hang.
   */
  descend(name: string, at: ZoneServers, wait: boolean, signal?: AbortSignal): ZoneServers | Promise<ZoneServers> {
    const waited = new Set<Flight>()
    const next = (): ZoneServers | Promise<ZoneServers> => {
      const known = this.closestCut(name)
      if (isSubdomainOf(known.zone, at.zone) && key(known.zone) !== key(at.zone)) at = known
      const label = childLabel(name, at.zone)
      if (!wait || label === null || !this.delegates(at.zone) || signal?.aborted) return at
      const flight = [...this.inFlight].find((f) => f.zone === key(at.zone) && f.label === label && !waited.has(f))
      if (!flight) return at
      waited.add(flight)
      return settledOrAborted(flight.done, signal).then(next)
    }
    return next()
  }

  /**
   * Marks a walk's question about `name` to the servers of `zone` as in flight; call end() once the
   * walk has learned what the answer says (learnReferral first), so a walk waiting for it finds it.
   */
  startQuestion(zone: string, name: string): { end(): void } {
    const label = childLabel(name, zone)
    if (label === null) return { end() {} }
    let end!: () => void
    const flight: Flight = { zone: key(zone), label, done: new Promise<void>((resolve) => (end = resolve)) }
    this.inFlight.add(flight)
    return {
      end: () => {
        this.inFlight.delete(flight)
        end()
      }
    }
  }

  learnAddresses(nsName: string, addresses: ServerAddress[]): void {
    if (addresses.length > 0 && !this.addresses.has(key(nsName))) this.addresses.set(key(nsName), addresses)
  }

  addressesOf(nsName: string): ServerAddress[] | undefined {
    return this.addresses.get(key(nsName))
  }

  /** An authoritative NXDOMAIN for `name`, with the walk's end and the step that received it. */
  learnNxdomain(name: string, end: WalkEnd, step: TraceStep): void {
    if (end.meaning.kind === 'nxdomain' && !this.nxdomains.has(key(name))) this.nxdomains.set(key(name), { end, step })
  }

  /**
   * The NXDOMAIN already received for `name` or a name above it, if any: RFC 8020 (section 2) makes
   * it an answer for every name below, of every type, so nothing needs asking.
   */
  nxdomainCovering(name: string): KnownNxdomain | undefined {
    for (let n: string | null = key(name); n !== null && n !== '.'; n = parentName(n)) {
      const known = this.nxdomains.get(n)
      if (known) return known
    }
    return undefined
  }

  /**
   * The SOA record an authoritative answer from `server`, a server of `zone` asked about `name`,
   * carries (in the answer, or with a negative answer): only one for a zone between the two, which
   * that server may speak for.
   */
  learnSoas(server: ServerAddress, zone: string, name: string, response: DnsResponse): void {
    if (!response.flags.aa) return
    for (const record of [...response.answers, ...response.authorities]) {
      if (record.data.kind !== 'soa' || !isSubdomainOf(record.name, zone) || !isSubdomainOf(name, record.name)) continue
      if (!this.soas.has(soaKey(server, record.name))) this.soas.set(soaKey(server, record.name), record)
    }
  }

  /** The SOA record of `zone` that `server` already sent in this run. */
  soaFrom(server: ServerAddress, zone: string): DnsRecord | undefined {
    return this.soas.get(soaKey(server, zone))
  }

  private delegates(zone: string): boolean {
    return nameLabels(zone).length <= 1 || this.delegating.has(key(zone))
  }
}

export interface KnownNxdomain {
  end: WalkEnd
  step: TraceStep
}

interface Flight {
  zone: string
  /** The label right below `zone` on the way to the name asked about. */
  label: string
  done: Promise<void>
}

function key(name: string): string {
  return stripDot(name).toLowerCase()
}

function soaKey(server: ServerAddress, zone: string): string {
  return `${server.host}#${server.port}|${key(zone)}`
}

/** The label of `name` right below `zone` ('example' for www.example.com under com); null for the zone itself. */
function childLabel(name: string, zone: string): string | null {
  const labels = nameLabels(name)
  const depth = nameLabels(zone).length
  if (labels.length <= depth || !isSubdomainOf(name, zone)) return null
  return labels[labels.length - depth - 1]!.toLowerCase()
}

function settledOrAborted(done: Promise<void>, signal: AbortSignal | undefined): Promise<void> {
  if (!signal) return done
  return new Promise((resolve) => {
    const onAbort = (): void => resolve()
    signal.addEventListener('abort', onAbort, { once: true })
    void done.then(() => {
      signal.removeEventListener('abort', onAbort)
      resolve()
    })
  })
}
