// One Unbound resolver of the lab: iterates from the private root, never from the real one.

import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { TrustAnchor } from './dnssec'
import { addressInUseHint, tailOf } from './logs'
import { waitForSoa } from './probe'
import { findBinary, requireBinary, runCommand, runCommandOrThrow, spawnDaemon, type Daemon, type ProcessGroupRegistry } from './processes'
import { absoluteName } from './names'

const START_TIMEOUT_MS = 5_000

export interface ResolverSpec {
  /** 127.<net>.53.N, see resolverAddress(). */
  address: string
  /**
   * Trust anchors to validate with. Default: one for every signed zone of the lab. Give [] for a
   * non-validating resolver (module-config "iterator").
   */
  trustAnchors?: TrustAnchor[]
  /** Extra `server:` lines, e.g. 'serve-expired: yes'. */
  serverOptions?: string[]
}

export interface UnboundConfigInput {
  address: string
  dir: string
  rootHintsPath: string
  controlSocketPath: string
  trustAnchors: TrustAnchor[]
  /** The lab's TLDs. Unbound answers names under special-use TLDs such as 'test' itself (RFC 6761) unless told not to. */
  tlds: string[]
  serverOptions?: string[]
}

export function unboundConfig(input: UnboundConfigInput): string {
  const validating = input.trustAnchors.length > 0
  return [
    'server:',
    `  interface: ${input.address}`,
    '  port: 53',
    '  do-ip6: no',
    '  access-control: 127.0.0.0/8 allow',
    // Everything in the lab lives on loopback, which Unbound refuses to query by default.
    '  do-not-query-localhost: no',
    `  root-hints: "${input.rootHintsPath}"`,
    ...input.tlds.map((tld) => `  local-zone: "${absoluteName(tld)}" nodefault`),
    '  username: ""',
    '  chroot: ""',
    `  directory: "${input.dir}"`,
    `  pidfile: "${join(input.dir, 'unbound.pid')}"`,
    '  use-syslog: no',
    '  logfile: ""', // with -d, the log goes to stderr, which the lab appends to unbound.log
    '  log-time-ascii: yes',
    '  verbosity: 1',
    `  module-config: "${validating ? 'validator iterator' : 'iterator'}"`,
    ...input.trustAnchors.map((anchor) => `  trust-anchor: "${anchor.ds}"`),
    '  val-log-level: 2',
    '  ede: yes',
    '  qname-minimisation: yes',
    // Already the default; stated so that a changed default cannot add NS queries the servers' logs would show.
    '  harden-referral-path: no',
    // Small footprint and a fast start; TTL limits stay at their defaults so caching behaves as in production.
    '  num-threads: 1',
    '  so-reuseport: no',
    '  outgoing-range: 64',
    '  num-queries-per-thread: 32',
    '  msg-cache-size: 1m',
    '  rrset-cache-size: 2m',
    '  key-cache-size: 1m',
    '  neg-cache-size: 1m',
    ...(input.serverOptions ?? []).map((line) => `  ${line}`),
    'remote-control:',
    '  control-enable: yes',
    `  control-interface: "${input.controlSocketPath}"`,
    '  control-use-cert: no',
    ''
  ].join('\n')
}

export function rootHintsText(root: { host: string; address: string }[]): string {
  const lines = root.flatMap(({ host, address }) => [
    `. 3600000 IN NS ${absoluteName(host)}`,
    `${absoluteName(host)} 3600000 IN A ${address}`
  ])
  return `${lines.join('\n')}\n`
}

export class UnboundResolver {
  readonly configPath: string
  readonly logPath: string
  readonly controlSocketPath: string
  private daemon: Daemon | undefined

  constructor(
    readonly address: string,
    readonly dir: string,
    readonly trustAnchors: TrustAnchor[],
    private readonly groups: ProcessGroupRegistry
  ) {
    this.configPath = join(dir, 'unbound.conf')
    this.logPath = join(dir, 'unbound.log')
    this.controlSocketPath = join(dir, 'control.sock')
  }

  prepare(rootHintsPath: string, tlds: string[], serverOptions?: string[]): void {
    mkdirSync(this.dir, { recursive: true })
    const config = unboundConfig({
      address: this.address,
      dir: this.dir,
      rootHintsPath,
      tlds,
      controlSocketPath: this.controlSocketPath,
      trustAnchors: this.trustAnchors,
      serverOptions
    })
    writeFileSync(this.configPath, config)
  }

  async start(): Promise<void> {
    const daemon = spawnDaemon(requireBinary('unbound', 'unbound'), ['-d', '-c', this.configPath], {
      cwd: this.dir,
      logPath: this.logPath,
      groups: this.groups
    })
    this.daemon = daemon
    try {
      // RD=0: Unbound answers from its (empty) cache without recursing; any reply means it is up.
      await waitForSoa(this.address, '.', {
        timeoutMs: START_TIMEOUT_MS,
        givesUp: () => {
          const reason = daemon.exitReason()
          return reason === undefined ? undefined : `Unbound ${reason}.`
        }
      })
    } catch (error) {
      await daemon.kill()
      this.daemon = undefined
      throw new Error(await this.describeStartFailure(error as Error), { cause: error })
    }
  }

  groupPid(): number | undefined {
    return this.daemon?.pid
  }

  /** Runs `unbound-control <args>` against this resolver; returns its output. */
  async control(...args: string[]): Promise<string> {
    const binary = requireBinary('unbound-control', 'unbound')
    return (await runCommandOrThrow(binary, ['-c', this.configPath, ...args])).stdout
  }

  /**
   * Forgets cached data: for `name` and everything below it, or everything (including what Unbound
   * learned about server reachability, so a restarted server is tried again at once).
   */
  async flush(name?: string): Promise<void> {
    if (name !== undefined) {
      // flush_zone, not flush: `flush` skips types such as TXT and CAA.
      await this.control('flush_zone', absoluteName(name))
      await this.control('flush_bogus')
      return
    }
    await this.control('flush_zone', '.')
    await this.control('flush_infra', 'all')
    await this.control('flush_bogus')
    await this.control('flush_negative')
  }

  async kill(): Promise<void> {
    if (this.daemon) await this.daemon.kill()
    this.daemon = undefined
  }

  private async describeStartFailure(error: Error): Promise<string> {
    const parts = [`Unbound for ${this.address} failed: ${error.message}`, `config: ${this.configPath}`]
    const checkconf = findBinary('unbound-checkconf')
    if (checkconf) {
      const result = await runCommand(checkconf, [this.configPath])
      if (result.code !== 0) parts.push(`unbound-checkconf: ${result.stderr}${result.stdout}`.trim())
    }
    parts.push(`log (${this.logPath}):\n${tailOf(this.logPath)}`)
    if (/address already in use/i.test(tailOf(this.logPath))) {
      parts.push(addressInUseHint(this.address))
    }
    return parts.join('\n')
  }
}
