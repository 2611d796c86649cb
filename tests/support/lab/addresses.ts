// Address plan of a lab. Every address of one lab is 127.<net>.y.z, so labs with different nets never
// collide (Linux routes all of 127.0.0.0/8 to `lo`; no interface setup is needed).
//
// Convention for test files: nets 53..99 are reserved for tests, and EACH TEST FILE PICKS ITS OWN
// CONSTANT (vitest runs files in parallel workers). Note the net you take here to avoid reuse:
//   53  tests/integration/lab.test.ts
//   61  tests/integration/iterative.test.ts
//   62  tests/integration/trace.test.ts
//   70  tests/e2e (global setup)
//   72  tests/integration/diagnosis/record.test.ts
//   73  tests/integration/diagnosis/delegation.test.ts
//   74  tests/integration/diagnosis/resolver.test.ts
//   75  tests/integration/diagnosis/queries.test.ts
//   81  tests/integration/diagnosis/verdict.test.ts
//   83  tests/integration/diagnosis/registrable.test.ts
//   84  tests/integration/diagnosis/order.test.ts
//   85  tests/integration/diagnosis/record-judgment.test.ts
//   86  tests/integration/diagnosis/servers.test.ts
// Two test RUNS at once on one machine are fine: net-lock.ts makes the second wait for the net.
//
//   127.<net>.0.1          root server (a.root-servers.<tld>)
//   127.<net>.1.1, .1.2    TLD servers (a.nic.<tld>, b.nic.<tld>)
//   127.<net>.2.1 ..52.254 authoritative servers of the test's zones (the test chooses)
//   127.<net>.53.N         Unbound resolvers
//   127.<net>.255.254      spare address that labAvailability() binds to test the right to use port 53

export const TEST_NETS = { first: 53, last: 99 } as const

const CHILD_THIRD_OCTETS = { first: 2, last: 52 } as const
const RESOLVER_THIRD_OCTET = 53

export function labAddress(net: number, third: number, fourth: number): string {
  assertNet(net)
  for (const octet of [third, fourth]) {
    if (!Number.isInteger(octet) || octet < 0 || octet > 255) throw new Error(`Address octet ${octet} is not 0..255.`)
  }
  return `127.${net}.${third}.${fourth}`
}

export function rootServerAddress(net: number): string {
  return labAddress(net, 0, 1)
}

export function tldServerAddresses(net: number): [string, string] {
  return [labAddress(net, 1, 1), labAddress(net, 1, 2)]
}

/** The n-th resolver address of a lab (n from 1). */
export function resolverAddress(net: number, n = 1): string {
  return labAddress(net, RESOLVER_THIRD_OCTET, n)
}

export function availabilityProbeAddress(net: number): string {
  return labAddress(net, 255, 254)
}

export function assertNet(net: number): void {
  if (!Number.isInteger(net) || net < 1 || net > 254) {
    throw new Error(`Lab net ${net} must be an integer 1..254 (tests use ${TEST_NETS.first}..${TEST_NETS.last}).`)
  }
}

/** Throws unless `address` is 127.<net>.y.z with y in the range kept for the test's own servers. */
export function assertAuthoritativeServerAddress(net: number, address: string): void {
  const third = thirdOctetInNet(net, address)
  if (third === undefined || third < CHILD_THIRD_OCTETS.first || third > CHILD_THIRD_OCTETS.last) {
    throw new Error(
      `Server address ${address} is outside this lab's range for zone servers: use ` +
        `127.${net}.${CHILD_THIRD_OCTETS.first}.1 .. 127.${net}.${CHILD_THIRD_OCTETS.last}.254.`
    )
  }
}

export function assertResolverAddress(net: number, address: string): void {
  if (thirdOctetInNet(net, address) !== RESOLVER_THIRD_OCTET) {
    throw new Error(`Resolver address ${address} must be 127.${net}.${RESOLVER_THIRD_OCTET}.N (see resolverAddress()).`)
  }
}

function thirdOctetInNet(net: number, address: string): number | undefined {
  const match = /^127\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(address)
  if (!match || Number(match[1]) !== net || Number(match[3]) > 255) return undefined
  return Number(match[2])
}
