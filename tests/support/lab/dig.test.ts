import { describe, expect, it } from 'vitest'
import { answerRdata, parseDigOutput } from './dig'

// Outputs captured from dig 9.18 against the lab.
const CNAME_AND_TXT = `
; <<>> DiG 9.18.49-1~deb12u3-Debian <<>> @127.98.53.1 _acme-challenge.example.test TXT +time=2 +tries=1
;; ->>HEADER<<- opcode: QUERY, status: NOERROR, id: 64714
;; flags: qr rd ra; QUERY: 1, ANSWER: 2, AUTHORITY: 0, ADDITIONAL: 1

;; OPT PSEUDOSECTION:
; EDNS: version: 0, flags:; udp: 1232
;; QUESTION SECTION:
;_acme-challenge.example.test.\tIN\tTXT

;; ANSWER SECTION:
_acme-challenge.example.test. 300 IN\tCNAME\tvalidation.glueless.test.
validation.glueless.test. 300\tIN\tTXT\t"a  b" "c"

;; Query time: 3 msec
`

const SERVFAIL_WITH_EDE = `
;; ->>HEADER<<- opcode: QUERY, status: SERVFAIL, id: 1
;; flags: qr rd ra; QUERY: 1, ANSWER: 0, AUTHORITY: 0, ADDITIONAL: 1

;; OPT PSEUDOSECTION:
; EDNS: version: 0, flags:; udp: 1232
; EDE: 7 (Signature Expired): (validation failure <_x.bogus.test. TXT IN>: signature expired from 127.98.4.1)
;; QUESTION SECTION:
;_x.bogus.test.\t\t\tIN\tTXT
`

const REFERRAL = `
;; ->>HEADER<<- opcode: QUERY, status: NOERROR, id: 32429
;; flags: qr; QUERY: 1, ANSWER: 0, AUTHORITY: 2, ADDITIONAL: 3

;; AUTHORITY SECTION:
test.\t\t\t300\tIN\tNS\ta.nic.test.
test.\t\t\t300\tIN\tNS\tb.nic.test.

;; ADDITIONAL SECTION:
a.nic.test.\t\t300\tIN\tA\t127.98.1.1
`

describe('parseDigOutput', () => {
  it('reads answer records whether dig padded with tabs or a space, keeping rdata spacing', () => {
    const result = parseDigOutput(CNAME_AND_TXT)
    expect(result.status).toBe('NOERROR')
    expect(result.flags).toEqual(['qr', 'rd', 'ra'])
    expect(result.answer).toEqual([
      { owner: '_acme-challenge.example.test.', ttl: 300, type: 'CNAME', rdata: 'validation.glueless.test.' },
      { owner: 'validation.glueless.test.', ttl: 300, type: 'TXT', rdata: '"a  b" "c"' }
    ])
    expect(answerRdata(result, 'TXT')).toEqual(['"a  b" "c"'])
  })

  it('reads extended DNS errors', () => {
    const result = parseDigOutput(SERVFAIL_WITH_EDE)
    expect(result.status).toBe('SERVFAIL')
    expect(result.ede).toEqual([
      '7 (Signature Expired): (validation failure <_x.bogus.test. TXT IN>: signature expired from 127.98.4.1)'
    ])
    expect(result.answer).toEqual([])
  })

  it('reads referral sections and a header without aa', () => {
    const result = parseDigOutput(REFERRAL)
    expect(result.flags).toEqual(['qr'])
    expect(result.authority.map((record) => record.rdata)).toEqual(['a.nic.test.', 'b.nic.test.'])
    expect(result.additional).toEqual([{ owner: 'a.nic.test.', ttl: 300, type: 'A', rdata: '127.98.1.1' }])
  })

  it('tells a silent server from a closed port', () => {
    const silent = parseDigOutput(';; communications error to 127.53.2.2#53: timed out\n;; no servers could be reached\n')
    const closed = parseDigOutput(';; communications error to 127.53.2.2#53: connection refused\n;; no servers could be reached\n')
    expect([silent.timedOut, silent.refused, silent.status]).toEqual([true, false, undefined])
    expect([closed.timedOut, closed.refused]).toEqual([false, true])
  })
})
