// Whether this machine can run a lab, and a describe() that acts on the answer: skip with what to
// install on a developer machine, fail in CI (where a skipped suite would hide a broken setup).

import { createSocket } from 'node:dgram'
import { describe, it } from 'vitest'
import { availabilityProbeAddress, TEST_NETS } from './addresses'
import { findBinary } from './processes'

export type LabAvailability = { ok: true } | { ok: false; reason: string }

export const LAB_INSTALL_HINT =
  'apt-get install nsd unbound bind9-dnsutils bind9-utils, and run as root (the lab binds port 53 on 127.0.0.0/8)'

const REQUIRED_BINARIES: { name: string; aptPackage: string }[] = [
  { name: 'nsd', aptPackage: 'nsd' },
  { name: 'nsd-checkconf', aptPackage: 'nsd' },
  { name: 'unbound', aptPackage: 'unbound' },
  { name: 'unbound-control', aptPackage: 'unbound' },
  { name: 'dig', aptPackage: 'bind9-dnsutils' },
  { name: 'dnssec-keygen', aptPackage: 'bind9-utils' },
  { name: 'dnssec-signzone', aptPackage: 'bind9-utils' }
]

/**
 * Checks the binaries and that port 53 can be bound on this lab's spare address 127.<net>.255.254
 * (never used by a running lab, so a parallel test file cannot make this check fail).
 */
export async function labAvailability(net: number = TEST_NETS.first): Promise<LabAvailability> {
  const missing = REQUIRED_BINARIES.filter(({ name }) => findBinary(name) === undefined)
  if (missing.length > 0) {
    const packages = [...new Set(missing.map((binary) => binary.aptPackage))].join(' ')
    return {
      ok: false,
      reason: `missing ${missing.map((binary) => binary.name).join(', ')} (apt-get install ${packages})`
    }
  }
  const bindError = await tryBindUdp(availabilityProbeAddress(net), 53)
  if (bindError === undefined) return { ok: true }
  if (bindError.code === 'EACCES' || bindError.code === 'EPERM') {
    return { ok: false, reason: 'cannot bind port 53 (run the tests as root, or grant CAP_NET_BIND_SERVICE)' }
  }
  if (bindError.code === 'EADDRNOTAVAIL') {
    return { ok: false, reason: `${availabilityProbeAddress(net)} is not a local address (127.0.0.0/8 must route to lo)` }
  }
  // Anything else (e.g. the spare address in use) is not a missing prerequisite: let startLab report it.
  return { ok: true }
}

function tryBindUdp(address: string, port: number): Promise<NodeJS.ErrnoException | undefined> {
  return new Promise((resolve) => {
    const socket = createSocket('udp4')
    socket.once('error', (error: NodeJS.ErrnoException) => {
      socket.close()
      resolve(error)
    })
    socket.bind(port, address, () => {
      socket.close()
      resolve(undefined)
    })
  })
}

/**
 * describe() for suites that need a lab. Call with await at the top of the test file:
 *
 *   await describeLab('diagnosis against real servers', NET, () => { beforeAll(...); it(...) })
 *
 * Unavailable lab: in CI (CI=true) the suite fails with the reason; elsewhere it is skipped, and the
 * skipped suite's title says what to install.
 */
export async function describeLab(title: string, net: number, body: () => void): Promise<void> {
  const availability = await labAvailability(net)
  if (availability.ok) {
    describe(title, body)
    return
  }
  if (process.env.CI === 'true') {
    describe(title, () => {
      it('has what the DNS lab needs', () => {
        throw new Error(`The DNS lab cannot run here: ${availability.reason}. Fix: ${LAB_INSTALL_HINT}.`)
      })
    })
    return
  }
  // The title carries the reason for verbose reporters; the warning shows in the default one too.
  console.warn(`DNS lab suite "${title}" skipped: ${availability.reason}. To run it: ${LAB_INSTALL_HINT}.`)
  describe.skip(`${title} [skipped: ${availability.reason}; to run: ${LAB_INSTALL_HINT}]`, body)
}
