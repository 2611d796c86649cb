import { describe, expect, it } from 'vitest'
import en from '../../../src/shared/locales/en.json'
import zhCN from '../../../src/shared/locales/zh-CN.json'
import { code, escapeText, renderReport } from '../../../src/main/services/report'
import { createFinding } from '../../../src/shared/findings'
import { sampleInput, sampleReport } from '../../support/fake-engine'

describe('renderReport', () => {
  it('json is the report object, pretty-printed', () => {
    const report = sampleReport()
    const text = renderReport(report, 'json', 'en')
    expect(JSON.parse(text)).toEqual(report)
    expect(text).toContain('\n  "verdict": "action_needed"')
  })

  it('markdown has the verdict, placements, each finding with its fix steps, and the observation tables', () => {
    const md = renderReport(sampleReport(), 'markdown', 'en')
    expect(md).toContain('# DNS verification report: example.com')
    expect(md).toContain(`**Verdict: ${en.diagnosis.verdict.action_needed}**`)
    expect(md).toContain('| Certificate domain | Record name | Zone | Host field |')
    expect(md).toContain('| `example.com` | `_dnsauth.example.com` | `example.com` | `_dnsauth` |')
    expect(md).toContain(`### ${en.diagnosis.sections.problems}`)
    expect(md).toContain(`#### ${en.diagnosis.severity.error}: ${en.findings.record.missing.title}`)
    // Fix steps become a numbered list, params filled in (and Markdown-escaped).
    expect(md).toMatch(/^1\. Open the DNS console/m)
    expect(md).toMatch(/^2\. .*TXT record for \\_dnsauth\.example\.com/m)
    expect(md).toContain('## Authoritative servers')
    expect(md).toContain(`| \`_dnsauth.example.com\` | \`ns1.example-dns.net\` | \`192.0.2.1\` | ${en.ui.status.server.nxdomain} | none |  | 2024052801 |`)
    expect(md).toContain('## Resolvers')
    expect(md).toContain('remembers "not found" for 280 s')
    expect(md).toContain('## CAA')
  })

  it('adds the sentence for the case of a closed-set param (hint) after the explanation', () => {
    const finding = createFinding('record.wrong_name', {
      expectedName: '_dnsauth.example.com',
      foundName: '_dnsauth.example.com.example.com',
      hint: 'zone_doubled',
      host: '_dnsauth'
    })
    const md = renderReport(sampleReport([finding]), 'markdown', 'en')
    expect(md).toContain(en.findings.record.wrong_name.hint.zone_doubled)
  })

  it('groups findings as step 4 does: problems, then warnings, good news, information', () => {
    const findings = [
      createFinding('delegation.provider', { provider: 'generic', providerName: 'example-dns.net', nameservers: ['ns1.example-dns.net'] }),
      createFinding('record.ok', { name: '_dnsauth.example.com', type: 'TXT', servers: 2 }),
      createFinding('resolver.unreachable', { resolver: 'A', resolvers: ['A', 'B'], reason: 'timeout', ignored: 0 }),
      createFinding('caa.blocks_ca', {
        domain: 'example.com',
        domains: ['example.com'],
        foundAt: 'example.com',
        ca: 'digicert',
        caName: 'DigiCert',
        record: 'example.com. CAA 0 issue "digicert.com"',
        tag: 'issue'
      })
    ]
    const md = renderReport(sampleReport(findings), 'markdown', 'en')
    const order = [en.diagnosis.sections.problems, en.diagnosis.sections.warnings, en.diagnosis.sections.good, en.diagnosis.sections.info].map((h) =>
      md.indexOf(`### ${h}`)
    )
    expect(order.every((i) => i > 0)).toBe(true)
    expect([...order].sort((a, b) => a - b)).toEqual(order)
    expect(md.indexOf(en.findings.caa.blocks_ca.title.replace('{caName}', 'DigiCert'))).toBeLessThan(md.indexOf(`### ${en.diagnosis.sections.warnings}`))
  })

  it('is written in the chosen language', () => {
    const md = renderReport(sampleReport(), 'markdown', 'zh-CN')
    expect(md).toContain('# DNS 验证报告')
    expect(md).toContain(zhCN.diagnosis.verdict.action_needed)
    expect(md).toContain(zhCN.findings.record.missing.title)
  })

  it('keeps DNS data from turning into Markdown or breaking tables', () => {
    const nasty = 'v=1 | [click](https://evil.example) <img src=x> `tick`\nsecond line'
    const finding = createFinding('record.value_mismatch', { name: '_dnsauth.example.com', expected: 'abc', found: nasty })
    const report = sampleReport([finding], sampleInput({ value: nasty }))
    report.authoritative[0]!.values = [nasty]
    const md = renderReport(report, 'markdown', 'en')
    // In prose (the finding's explanation) the syntax is escaped; in code spans it is inert as it is.
    const explain = md.split('\n').find((l) => l.startsWith('There is a record at'))!
    expect(explain).toContain('\\[click\\](https://evil.example) \\<img src=x\\>')
    expect(explain.replace(/\\./g, '')).not.toMatch(/[[\]<>`|]/)
    const tableRows = md.split('\n').filter((l) => l.startsWith('| `_dnsauth.example.com` | `ns1'))
    expect(tableRows).toHaveLength(1)
    // Unescaped pipes in the row are exactly the 8 cell borders of 7 columns.
    expect(tableRows[0]!.replace(/\\\|/g, '').split('|')).toHaveLength(9)
  })

  it('code spans survive backticks, escapeText escapes Markdown syntax', () => {
    expect(code('a`b')).toBe('``a`b``')
    expect(code('`x`')).toBe('`` `x` ``')
    expect(code('')).toBe('""')
    expect(escapeText('*bold* _x_ [a](b) <t> a|b')).toBe('\\*bold\\* \\_x\\_ \\[a\\](b) \\<t\\> a\\|b')
  })
})
