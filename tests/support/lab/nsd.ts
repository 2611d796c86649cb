// One NSD instance of the lab: its own directory, config and zone files, so that changing one
// server's copy of a zone (an out-of-sync secondary) does not touch the others.

import { mkdirSync, utimesSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { ServerDefinition, ServerRole, ZoneDefinition } from './hierarchy'
import { addressInUseHint, readFrom, sizeOf, tailOf } from './logs'
import { canonicalName, zoneFileStem } from './names'
import { waitForSoa } from './probe'
import { findBinary, requireBinary, runCommand, spawnDaemon, type Daemon, type ProcessGroupRegistry } from './processes'

const START_TIMEOUT_MS = 5_000

/** Writes the zone file NSD will load (rendering and, for signed zones, signing it). */
export type ZoneFileWriter = (zone: ZoneDefinition, path: string) => Promise<void>

export interface NsdConfigInput {
  address: string
  dir: string
  zones: { apex: string; file: string }[]
  verbosity?: number
}

export function nsdConfig(input: NsdConfigInput): string {
  const zones = input.zones.flatMap(({ apex, file }) => ['zone:', `  name: "${apex}"`, `  zonefile: "${file}"`])
  return [
    'server:',
    `  ip-address: ${input.address}@53`,
    '  do-ip6: no',
    '  server-count: 1',
    '  reuseport: no',
    // No database, no privilege drop, no chroot: the instance lives entirely in its temp directory.
    '  database: ""',
    '  username: ""',
    '  chroot: ""',
    `  zonesdir: "${input.dir}"`,
    `  pidfile: "${join(input.dir, 'nsd.pid')}"`,
    `  xfrdfile: "${join(input.dir, 'xfrd.state')}"`,
    `  zonelistfile: "${join(input.dir, 'zone.list')}"`,
    `  logfile: "${join(input.dir, 'nsd.log')}"`,
    `  verbosity: ${input.verbosity ?? 1}`,
    '  hide-version: yes',
    // Response rate limiting would drop or truncate answers when a test sends many queries from one
    // address; its default 1M-entry table also costs start-up time.
    '  rrl-ratelimit: 0',
    '  rrl-size: 1000',
    '  tcp-count: 32',
    '  xfrd-tcp-max: 4',
    // Deterministic answers: tests compare record order.
    '  round-robin: no',
    'remote-control:',
    '  control-enable: no',
    ...zones,
    ''
  ].join('\n')
}

export type ServerState = 'running' | 'silent' | 'down'

export class NsdServer {
  readonly address: string
  readonly role: ServerRole
  readonly hosts: string[]
  readonly configPath: string
  /** NSD's own log; stdout/stderr of the process go to `${dir}/nsd.stderr`. */
  readonly logPath: string
  private readonly zonesByApex = new Map<string, ZoneDefinition>()
  private readonly lastMtime = new Map<string, number>()
  private daemon: Daemon | undefined
  private state: ServerState = 'down'
  private reloadPending = false

  constructor(
    definition: ServerDefinition,
    readonly dir: string,
    private readonly writeZoneFile: ZoneFileWriter,
    private readonly groups: ProcessGroupRegistry
  ) {
    this.address = definition.address
    this.role = definition.role
    this.hosts = definition.hosts
    // Each instance keeps its own copy, so one server's zone can be changed alone.
    for (const zone of definition.zones) this.zonesByApex.set(zone.apex, { ...zone, generatedRecords: [...zone.generatedRecords] })
    this.configPath = join(dir, 'nsd.conf')
    this.logPath = join(dir, 'nsd.log')
  }

  get zones(): ZoneDefinition[] {
    return [...this.zonesByApex.values()]
  }

  get currentState(): ServerState {
    return this.state
  }

  serves(apex: string): boolean {
    return this.zonesByApex.has(canonicalName(apex))
  }

  zone(apex: string): ZoneDefinition {
    const zone = this.zonesByApex.get(canonicalName(apex))
    if (!zone) throw new Error(`${this.address} does not serve '${apex}'.`)
    return zone
  }

  zoneFilePath(apex: string): string {
    return join(this.dir, `${zoneFileStem(apex)}.zone`)
  }

  /** Writes the config and every zone file. */
  async prepare(): Promise<void> {
    mkdirSync(this.dir, { recursive: true })
    const zones = this.zones.map((zone) => ({ apex: zone.apex, file: this.zoneFilePath(zone.apex) }))
    writeFileSync(this.configPath, nsdConfig({ address: this.address, dir: this.dir, zones }))
    await Promise.all(this.zones.map((zone) => this.writeZone(zone)))
  }

  async start(): Promise<void> {
    if (this.state === 'running') return
    if (this.state === 'silent' && this.daemon) {
      this.daemon.signal('SIGCONT')
      this.state = 'running'
      if (this.reloadPending) await this.reloadAndWait()
      return
    }
    const logOffset = sizeOf(this.logPath) // a restarted server appends to the log of its previous run
    const daemon = spawnDaemon(requireBinary('nsd', 'nsd'), ['-d', '-c', this.configPath], {
      cwd: this.dir,
      logPath: join(this.dir, 'nsd.stderr'),
      groups: this.groups
    })
    this.daemon = daemon
    try {
      await this.waitUntilServingAll(logOffset)
    } catch (error) {
      await daemon.kill()
      this.daemon = undefined
      throw new Error(await this.describeStartFailure(error as Error), { cause: error })
    }
    this.state = 'running'
    this.reloadPending = false
  }

  /** Makes the server silent: it keeps its sockets but answers nothing, like a server behind a dropping firewall. */
  silence(): void {
    if (this.state !== 'running' || !this.daemon) throw new Error(`${this.address} is not running.`)
    this.daemon.signal('SIGSTOP')
    this.state = 'silent'
  }

  /** Stops the process: the port is closed, so clients get ICMP port unreachable (fast "connection refused"). */
  async kill(): Promise<void> {
    if (this.daemon) await this.daemon.kill()
    this.daemon = undefined
    this.state = 'down'
  }

  groupPid(): number | undefined {
    return this.daemon?.pid
  }

  /** Replaces the zone's records and serial on this server and waits until it serves the new serial. */
  async updateZone(apex: string, records: string, serial: number): Promise<void> {
    const previous = this.zone(apex)
    const updated: ZoneDefinition = { ...previous, records, serial }
    this.zonesByApex.set(previous.apex, updated)
    await this.writeZone(updated)
    if (this.state === 'down') return // the next start reads the file
    if (this.state === 'silent') {
      this.reloadPending = true
      return
    }
    if (serial === previous.serial) {
      // Same serial: the SOA cannot tell us when the reload is done, so restart, which is certain.
      await this.kill()
      await this.start()
    } else {
      await this.reloadAndWait()
    }
  }

  private async reloadAndWait(): Promise<void> {
    const logOffset = sizeOf(this.logPath)
    this.daemon?.signal('SIGHUP') // NSD re-reads zone files whose mtime changed
    try {
      await this.waitUntilServingAll(logOffset)
    } catch (error) {
      throw new Error(await this.describeStartFailure(error as Error), { cause: error })
    }
    this.reloadPending = false
  }

  /**
   * Waits until every zone answers with its expected serial. Any answer is not enough: NSD answers
   * SERVFAIL for a zone it failed to load. Gives up early when the process dies or its log (read from
   * `logOffset` on) reports a zone file error.
   */
  private async waitUntilServingAll(logOffset: number): Promise<void> {
    const daemon = this.daemon
    const givesUp = () => {
      const reason = daemon?.exitReason()
      if (reason !== undefined) return `NSD ${reason}.`
      const zoneError = /error: zone \S+ file .* read with \d+ errors/.exec(readFrom(this.logPath, logOffset))
      return zoneError ? `NSD could not load a zone: ${zoneError[0]}` : undefined
    }
    await Promise.all(
      this.zones.map((zone) =>
        waitForSoa(this.address, zone.apex, {
          timeoutMs: START_TIMEOUT_MS,
          givesUp,
          accepts: (result) => result.rcode === 0 && result.serial === zone.serial
        })
      )
    )
  }

  private async writeZone(zone: ZoneDefinition): Promise<void> {
    const path = this.zoneFilePath(zone.apex)
    await this.writeZoneFile(zone, path)
    // NSD reloads a file only when its mtime changed; two writes within one clock tick must still differ.
    const mtime = Math.max(Date.now() / 1000, (this.lastMtime.get(path) ?? 0) + 1)
    this.lastMtime.set(path, mtime)
    utimesSync(path, mtime, mtime)
  }

  /** An error message with what NSD said and what its own checkers find in the config and zone files. */
  private async describeStartFailure(error: Error): Promise<string> {
    const parts = [`NSD for ${this.address} (${this.hosts.join(', ')}) failed: ${error.message}`, `config: ${this.configPath}`]
    const checkconf = findBinary('nsd-checkconf')
    if (checkconf) {
      const result = await runCommand(checkconf, [this.configPath])
      if (result.code !== 0) parts.push(`nsd-checkconf: ${result.stderr}${result.stdout}`.trim())
    }
    const checkzone = findBinary('nsd-checkzone')
    if (checkzone) {
      for (const zone of this.zones) {
        const result = await runCommand(checkzone, [zone.apex, this.zoneFilePath(zone.apex)])
        if (result.code !== 0) parts.push(`nsd-checkzone ${zone.apex}: ${result.stderr}${result.stdout}`.trim())
      }
    }
    parts.push(`log (${this.logPath}):\n${tailOf(this.logPath)}`)
    if (/address already in use/i.test(tailOf(this.logPath) + tailOf(join(this.dir, 'nsd.stderr')))) {
      parts.push(addressInUseHint(this.address))
    }
    parts.push(`stderr (${join(this.dir, 'nsd.stderr')}):\n${tailOf(join(this.dir, 'nsd.stderr'))}`)
    return parts.join('\n')
  }
}
