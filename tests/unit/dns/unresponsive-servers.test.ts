import { describe, expect, it } from 'vitest'
import type { ExchangeOutcome, ServerAddress } from '../../../src/shared/dns-types'
import { createQueryCache } from '../../../src/main/dns/query-cache'
import { createUnresponsiveServers, TIMEOUTS_BEFORE_SKIPPING } from '../../../src/main/dns/unresponsive-servers'

const server: ServerAddress = { host: '192.0.2.53', port: 53, family: 4 }
const other: ServerAddress = { host: '192.0.2.54', port: 53, family: 4 }
const query = (name: string) => ({ name, type: 'A', class: 'IN' })

function failed(code: 'timeout' | 'refused_connection', ignoredReplies = 0): ExchangeOutcome {
  return { ok: false, code, message: code, server, query: query('x'), elapsedMs: 1, ignoredReplies }
}

function answered(): ExchangeOutcome {
  return { ok: true, server, query: query('x') } as unknown as ExchangeOutcome
}

describe('unresponsive servers', () => {
  it(`skips a server after ${TIMEOUTS_BEFORE_SKIPPING} timeouts with no answer, with a reason, and only that server`, () => {
    const memory = createUnresponsiveServers()
    memory.record(server, failed('timeout'))
    expect(memory.skip(server, query('a'))).toBeNull()
    memory.record(server, failed('timeout'))
    const skipped = memory.skip(server, query('b'))
    expect(skipped).toMatchObject({ ok: false, code: 'timeout', query: query('b'), elapsedMs: 0 })
    expect(skipped!.message).toContain('not asked again')
    expect(memory.skip(other, query('b'))).toBeNull()
    expect(memory.skipped).toBe(1)
  })

  it('never skips a server that answered once (some servers drop only some types), nor one that replied at all', () => {
    const memory = createUnresponsiveServers()
    memory.record(server, answered())
    for (let i = 0; i < 5; i++) memory.record(server, failed('timeout'))
    expect(memory.skip(server, query('a'))).toBeNull()
    const noisy = createUnresponsiveServers()
    noisy.record(server, failed('timeout', 3)) // replies came, just not acceptable ones
    noisy.record(server, failed('timeout'))
    expect(noisy.skip(server, query('a'))).toBeNull()
  })

  it('does not count fast failures (a refused port costs no waiting)', () => {
    const memory = createUnresponsiveServers()
    for (let i = 0; i < 5; i++) memory.record(server, failed('refused_connection'))
    expect(memory.skip(server, query('a'))).toBeNull()
  })

  it('the query cache consults it: no question goes out to a server written off', async () => {
    const cache = createQueryCache()
    let asked = 0
    const ask = async () => {
      asked++
      return failed('timeout')
    }
    await cache.get(server, 'a.example', 'A', ask)
    await cache.get(server, 'b.example', 'TXT/rd=1/cd=0/do=0', ask)
    const third = await cache.get(server, 'c.example', 'TXT/rd=1/cd=0/do=0', ask)
    expect(asked).toBe(2)
    expect(third.outcome).toMatchObject({ ok: false, code: 'timeout', query: { name: 'c.example', type: 'TXT' } })
  })
})
