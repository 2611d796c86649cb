import { describe, expect, it } from 'vitest'
import en from '../../../src/shared/locales/en.json'
import es from '../../../src/shared/locales/es.json'
import { formatReport } from '../../../src/main/diagnosis/format-report'
import { renderReport } from '../../../src/main/services/report'
import { createFinding, type Finding } from '../../../src/shared/findings'
import type { DiagnosisReport } from '../../../src/shared/diagnosis-types'
import { sampleReport } from '../../support/fake-engine'

const silent = createFinding('delegation.no_server_answers', {
  zone: 'example.com',
  servers: ['ns1.example-dns.net (192.0.2.1)', 'ns2.example-dns.net (192.0.2.2)'],
  reason: 'timeout'
})
const ok = createFinding('record.ok', { name: '_dnsauth.example.com', type: 'TXT', servers: 2 })
const cached = createFinding('propagation.negative_cached', { resolver: 'r', resolvers: ['r'], name: '_dnsauth.example.com', seconds: 60 })

/** A report whose record has no zone (the walk never got an answer from the zone's servers). */
function withoutZone(findings: Finding[]): DiagnosisReport {
  const report = sampleReport(findings)
  return { ...report, records: report.records.map((r) => ({ ...r, zone: null, relativeHost: null })) }
}

describe('the record line of a zone whose servers do not answer', () => {
  it('says its DNS servers do not answer, not "zone not found" (CLI)', () => {
    const text = formatReport(withoutZone([silent]))
    expect(text).toContain('(zone example.com: its DNS servers do not answer)')
    expect(text).not.toContain(en.report.zoneNotFound)
  })

  it('still says "zone not found" when there is no zone at all', () => {
    const notFound = createFinding('zone.not_found', { domain: 'example.com', registrable: 'example.com', kind: 'not_registered' })
    expect(formatReport(withoutZone([notFound]))).toContain(`(${en.report.zoneNotFound})`)
  })

  it('says the same in the Markdown report, in the user\'s language', () => {
    const md = renderReport(withoutZone([silent]), 'markdown', 'es')
    expect(md).toContain(es.report.serversDoNotAnswer.replace('{zone}', 'example.com'))
    expect(md).not.toContain(es.report.zoneNotFound)
  })
})

describe('what to do next belongs to the verdict', () => {
  it('a verified report sends the user back to the CA', () => {
    const text = formatReport(sampleReport([ok]))
    expect(text).toContain(`Verdict: ${en.diagnosis.verdict.verified}\n${en.report.verifiedNext}\n`)
  })

  it('a waiting report does not, though its record.ok card is there', () => {
    const text = formatReport(sampleReport([ok, cached]))
    expect(text).toContain(en.diagnosis.verdict.waiting)
    expect(text).toContain('[record.ok]')
    expect(text).not.toContain(en.report.verifiedNext)
    expect(text).not.toMatch(/start the check/)
  })
})
