// Vitest global setup: tests that run the built command line or bridge (bin/dnsverify.js, out/node/*.cjs) must
// run what the sources say now, so out/node is rebuilt here when it is missing or older than any of its inputs.
import { buildNodeIfStale } from '../../scripts/build-node.mjs'

export default async function setup(): Promise<void> {
  await buildNodeIfStale()
}
