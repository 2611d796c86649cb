import { describe, expect, it, vi } from 'vitest'
import { markWildcardAnswer } from '../../../src/main/diagnosis/observe-wildcard'
import type { QuestionInput } from '../../../src/main/dns/exchange'
import type { DnsRecord, ExchangeOutcome, ServerAddress } from '../../../src/shared/dns-types'
import { auth, DOMAIN, NAME, txtRecords } from '../../support/diagnosis-fixtures'

const ADDRESS: ServerAddress = { host: '192.0.2.1', port: 53, family: 4 } as ServerAddress
const WILD = 'v=spf1 -all'

/** A fake `query` that answers every name with `answer(name)` (authoritative NOERROR), recording what it was asked. */
function fakeQuery(answer: (name: string) => DnsRecord[], rcode = 'NOERROR') {
  return vi.fn(async (q: QuestionInput, _server: ServerAddress) => ({ ok: true, response: { rcode, flags: { aa: true }, answers: answer(q.name) } }) as unknown as ExchangeOutcome)
}

const wrong = () => auth({ type: 'TXT', values: [WILD] })

describe('markWildcardAnswer', () => {
  it('marks an answer a random sibling name also gets from the same server', async () => {
    const query = fakeQuery((name) => txtRecords(name, [WILD]))
    const o = await markWildcardAnswer(wrong(), ADDRESS, true, 500, { query })
    expect(o.wildcard).toBe(true)
    const [question, server] = query.mock.calls[0]!
    expect(question.type).toBe('TXT')
    expect(question.name).toMatch(new RegExp(`^_dnsverify-probe-[0-9a-f]{12}\\.${DOMAIN.replace('.', '\\.')}$`))
    expect(server).toBe(ADDRESS)
  })

  it('leaves an answer alone when the sibling gets something else (a record exists at the name)', async () => {
    const o = await markWildcardAnswer(wrong(), ADDRESS, true, 500, { query: fakeQuery((name) => txtRecords(name, ['other'])) })
    expect(o.wildcard).toBeUndefined()
  })

  it('marks a synthesised CNAME whose target does not exist (NXDOMAIN with the CNAME, for the sibling too)', async () => {
    const cname = (name: string): DnsRecord[] => [{ name, type: 'CNAME', class: 'IN', ttl: 300, data: { kind: 'name', target: 'gone.example.' }, text: 'gone.example.' } as DnsRecord]
    const o = await markWildcardAnswer(auth({ type: 'TXT', values: [], status: 'nxdomain', cname: 'gone.example' }), ADDRESS, true, 500, {
      query: fakeQuery(cname, 'NXDOMAIN')
    })
    expect(o.wildcard).toBe(true)
  })

  it('leaves an answer alone when the sibling does not exist', async () => {
    const o = await markWildcardAnswer(wrong(), ADDRESS, true, 500, { query: fakeQuery(() => [], 'NXDOMAIN') })
    expect(o.wildcard).toBeUndefined()
  })

  it('sends nothing when the answer has the expected value, is empty, or is for the apex', async () => {
    const query = fakeQuery((name) => txtRecords(name, [WILD]))
    await markWildcardAnswer(auth({ type: 'TXT' }), ADDRESS, false, 500, { query })
    await markWildcardAnswer(auth({ type: 'TXT', values: [], status: 'nxdomain' }), ADDRESS, true, 500, { query })
    await markWildcardAnswer(auth({ type: 'TXT', name: DOMAIN, values: [WILD] }), ADDRESS, true, 500, { query })
    expect(query).not.toHaveBeenCalled()
  })

  it('compares a synthesised CNAME by its target', async () => {
    const cname = (name: string): DnsRecord[] => [{ name, type: 'CNAME', class: 'IN', ttl: 300, data: { kind: 'name', target: 'lb.hosting.example.' }, text: 'lb.hosting.example.' } as DnsRecord]
    const o = await markWildcardAnswer(auth({ name: NAME, type: 'TXT', values: [], cname: 'lb.hosting.example' }), ADDRESS, true, 500, {
      query: fakeQuery(cname)
    })
    expect(o.wildcard).toBe(true)
  })
})
