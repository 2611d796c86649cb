// startLab(): runs a private DNS hierarchy (NSD for every server of buildHierarchy(), Unbound
// resolvers iterating from the private root) on 127.<net>.0.0/16, entirely offline.
//
//   const lab = await startLab({ net: NET, servers: buildHierarchy({ net: NET, tld: 'test', zones }) })
//   ... dig @lab.resolvers[0].address ...
//   await lab.stop()
//
// Needs root (port 53) and the nsd, unbound, bind9-dnsutils and bind9-utils packages; guard the test
// file with describeLab() so that a machine without them skips (or, in CI, fails) with the reason.

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { assertNet, assertResolverAddress, resolverAddress } from './addresses'
import { createZoneKeys, keysDirFor, signZone, type TrustAnchor, type ZoneKeys } from './dnssec'
import { renderZone, type ServerDefinition, type ZoneDefinition } from './hierarchy'
import { canonicalName } from './names'
import { acquireNetLock, netLockPath } from './net-lock'
import { NsdServer, type ZoneFileWriter } from './nsd'
import { ProcessGroupRegistry, registerExitCleanup, startReaper } from './processes'
import { rootHintsText, UnboundResolver, type ResolverSpec } from './unbound'

export interface LabOptions {
  net: number
  servers: ServerDefinition[]
  /** Default: one resolver at resolverAddress(net, 1), validating with the trust anchors of the signed zones. */
  resolvers?: ResolverSpec[]
}

export interface UpdateZoneOptions {
  /** Default: one more than the highest serial the updated servers have now. */
  serial?: number
  /** Update only these servers (addresses), e.g. to make one secondary fall out of sync. Default: all servers of the zone. */
  servers?: string[]
}

export interface StopServerOptions {
  /**
   * 'silent' (default): the process is frozen with SIGSTOP; queries time out, as with a dead server
   * behind a firewall. 'unreachable': the process is killed; queries get ICMP port unreachable at once.
   */
  mode?: 'silent' | 'unreachable'
}

export interface Lab {
  readonly net: number
  /** Temp directory with one sub-directory (config, zone files, logs) per server and resolver. */
  readonly dir: string
  readonly servers: readonly NsdServer[]
  readonly resolvers: readonly UnboundResolver[]
  /** Root server addresses ('127.<net>.0.1'), for iterative resolution in the code under test. */
  readonly rootHints: string[]
  /** One per signed zone. */
  readonly trustAnchors: TrustAnchor[]
  server(address: string): NsdServer
  resolver(address?: string): UnboundResolver
  /** Replaces the records of `apex` (body lines as in ZoneSpec.records) and waits until the servers serve them. */
  updateZone(apex: string, records: string, options?: UpdateZoneOptions): Promise<void>
  stopServer(address: string, options?: StopServerOptions): Promise<void>
  startServer(address: string): Promise<void>
  /** Empties the resolver's cache for `name` and below, or entirely (with its server-reachability cache) without a name. */
  flushResolver(address: string, name?: string): Promise<void>
  /** Kills every process of the lab and removes its directory. Safe to call twice. */
  stop(): Promise<void>
}

export async function startLab(options: LabOptions): Promise<Lab> {
  assertNet(options.net)
  const dir = mkdtempSync(join(tmpdir(), `dns-lab-${options.net}-`))
  const groups = new ProcessGroupRegistry(join(dir, 'process-groups'))
  const reaper = startReaper(groups.listPath, dir, netLockPath(options.net))
  const keepDir = process.env.DNS_LAB_KEEP === '1' // keep configs and logs for a post-mortem
  let releaseNet = () => {}
  const cleanUpNow = () => {
    groups.killAllNow()
    killQuietly(reaper.pid)
    releaseNet()
    if (!keepDir) rmSync(dir, { recursive: true, force: true })
  }
  const unregisterExitCleanup = registerExitCleanup(cleanUpNow)

  const servers: NsdServer[] = []
  const resolvers: UnboundResolver[] = []
  let stopped = false
  const stop = async () => {
    if (stopped) return
    stopped = true
    await Promise.all([...resolvers, ...servers].map((daemon) => daemon.kill()))
    unregisterExitCleanup()
    cleanUpNow()
    if (keepDir) console.info(`DNS lab ${options.net}: kept ${dir}`)
  }

  try {
    releaseNet = await acquireNetLock(options.net, { pid: process.pid, reaperPid: reaper.pid })
    const keysByZone = await createKeysForSignedZones(options.servers, dir)
    const trustAnchors = [...keysByZone.values()].map((keys) => keys.trustAnchor)
    const writeZoneFile = zoneFileWriter(keysByZone)

    for (const definition of options.servers) {
      servers.push(new NsdServer(definition, join(dir, `nsd-${definition.address}`), writeZoneFile, groups))
    }
    const roots = servers.filter((server) => server.role === 'root')
    if (roots.length === 0) throw new Error('The lab has no root server; build the server list with buildHierarchy().')
    const rootHintsPath = join(dir, 'root.hints')
    writeFileSync(rootHintsPath, rootHintsText(roots.map((root) => ({ host: root.hosts[0]!, address: root.address }))))

    const tlds = servers.filter((server) => server.role === 'tld').flatMap((server) => server.zones.map((zone) => zone.apex))
    const resolverSpecs = options.resolvers ?? [{ address: resolverAddress(options.net, 1) }]
    for (const spec of resolverSpecs) {
      assertResolverAddress(options.net, spec.address)
      const resolver = new UnboundResolver(spec.address, join(dir, `unbound-${spec.address}`), spec.trustAnchors ?? trustAnchors, groups)
      resolver.prepare(rootHintsPath, [...new Set(tlds)], spec.serverOptions)
      resolvers.push(resolver)
    }

    // All at once: a resolver only queries the servers when asked, and nobody asks before startLab returns.
    await Promise.all(servers.map((server) => server.prepare()))
    await settleAll([...servers.map((server) => server.start()), ...resolvers.map((resolver) => resolver.start())])

    return buildLabHandle({ net: options.net, dir, servers, resolvers, trustAnchors, roots, stop })
  } catch (error) {
    await stop()
    if (error instanceof Error && !keepDir) {
      error.message += '\n(The lab directory is removed on failure; set DNS_LAB_KEEP=1 to keep its configs and logs.)'
    }
    throw error
  }
}

function buildLabHandle(parts: {
  net: number
  dir: string
  servers: NsdServer[]
  resolvers: UnboundResolver[]
  trustAnchors: TrustAnchor[]
  roots: NsdServer[]
  stop: () => Promise<void>
}): Lab {
  const { servers, resolvers } = parts
  const server = (address: string) => {
    const found = servers.find((candidate) => candidate.address === address)
    if (!found) throw new Error(`No lab server at ${address}; servers: ${servers.map((s) => s.address).join(', ')}.`)
    return found
  }
  const resolver = (address?: string) => {
    const found = address === undefined ? resolvers[0] : resolvers.find((candidate) => candidate.address === address)
    if (!found) throw new Error(`No lab resolver at ${address}; resolvers: ${resolvers.map((r) => r.address).join(', ')}.`)
    return found
  }

  return {
    net: parts.net,
    dir: parts.dir,
    servers,
    resolvers,
    rootHints: parts.roots.map((root) => root.address),
    trustAnchors: parts.trustAnchors,
    server,
    resolver,
    async updateZone(apex, records, options = {}) {
      const serving = servers.filter((candidate) => candidate.serves(apex))
      if (serving.length === 0) throw new Error(`No lab server serves '${apex}'.`)
      const targets = options.servers?.map(server) ?? serving
      for (const target of targets) {
        if (!target.serves(apex)) throw new Error(`${target.address} does not serve '${apex}'.`)
      }
      const serial = options.serial ?? Math.max(...targets.map((target) => target.zone(apex).serial)) + 1
      await Promise.all(targets.map((target) => target.updateZone(apex, records, serial)))
    },
    async stopServer(address, options = {}) {
      if ((options.mode ?? 'silent') === 'silent') server(address).silence()
      else await server(address).kill()
    },
    startServer: (address) => server(address).start(),
    flushResolver: (address, name) => resolver(address).flush(name),
    stop: parts.stop
  }
}

async function createKeysForSignedZones(definitions: ServerDefinition[], dir: string): Promise<Map<string, ZoneKeys>> {
  const signed = new Map<string, ZoneDefinition>()
  for (const zone of definitions.flatMap((definition) => definition.zones)) {
    if (zone.dnssec !== 'none') signed.set(canonicalName(zone.apex), zone)
  }
  const keys = await Promise.all([...signed.keys()].map((apex) => createZoneKeys(apex, keysDirFor(dir, apex))))
  return new Map(keys.map((zoneKeys) => [zoneKeys.zone, zoneKeys]))
}

function zoneFileWriter(keysByZone: Map<string, ZoneKeys>): ZoneFileWriter {
  return async (zone, path) => {
    const text = renderZone(zone)
    if (zone.dnssec === 'none') {
      writeFileSync(path, text)
      return
    }
    const keys = keysByZone.get(canonicalName(zone.apex))
    if (!keys) throw new Error(`No keys for signed zone '${zone.apex}'.`)
    writeFileSync(`${path}.unsigned`, text)
    await signZone(keys, `${path}.unsigned`, path, zone.dnssec)
  }
}

/** Waits for every start (so none is still spawning while the lab stops), then reports every failure. */
async function settleAll(starts: Promise<void>[]): Promise<void> {
  const failures = (await Promise.allSettled(starts)).flatMap((result) => (result.status === 'rejected' ? [result.reason] : []))
  if (failures.length === 1) throw failures[0]
  if (failures.length > 1) {
    throw new Error(failures.map((failure) => (failure instanceof Error ? failure.message : String(failure))).join('\n\n'))
  }
}

function killQuietly(pid: number | undefined): void {
  if (pid === undefined) return
  try {
    process.kill(-pid, 'SIGKILL')
  } catch {
    // already gone
  }
}
