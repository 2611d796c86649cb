import { describe, expect, it } from 'vitest'
import { countRecordFields, parseCaText } from '../../../src/renderer/src/lib/parse-ca-text'

const TOKEN = '20240611000000abcdefghijklmnopqrstuvwxyz0123'

describe('parseCaText', () => {
  it.each([
    [
      'English labels, one per line',
      `Host record: _dnsauth\nRecord type: TXT\nRecord value: ${TOKEN}`,
      { host: '_dnsauth', type: 'TXT', value: TOKEN }
    ],
    [
      'English labels on one line, slash-separated',
      `Host record: _dnsauth / Record type: TXT / Record value: ${TOKEN}`,
      { host: '_dnsauth', type: 'TXT', value: TOKEN }
    ],
    [
      'Chinese labels with full-width colons on one line',
      `主机记录：_dnsauth 记录类型：TXT 记录值：${TOKEN}`,
      { host: '_dnsauth', type: 'TXT', value: TOKEN }
    ],
    [
      'Chinese labels with no spaces between pairs',
      `主机记录：_dnsauth记录类型：TXT记录值：${TOKEN}`,
      { host: '_dnsauth', type: 'TXT', value: TOKEN }
    ],
    [
      'Chinese labels with English in parentheses',
      `主机记录（Host）：_dnsauth\n记录类型（Type）：TXT\n记录值（Value）：${TOKEN}`,
      { host: '_dnsauth', type: 'TXT', value: TOKEN }
    ],
    [
      'tab-separated table copied from a web page',
      `Host record\tRecord type\tRecord value\n_dnsauth\tTXT\t${TOKEN}\n`,
      { host: '_dnsauth', type: 'TXT', value: TOKEN }
    ],
    [
      'Chinese tab-separated table',
      `主机记录\t记录类型\t记录值\n_dnsauth\tTXT\t${TOKEN}`,
      { host: '_dnsauth', type: 'TXT', value: TOKEN }
    ],
    [
      'markdown table with a rule line',
      `| Host | Type | Value |\n|---|---|---|\n| _dnsauth | TXT | ${TOKEN} |`,
      { host: '_dnsauth', type: 'TXT', value: TOKEN }
    ],
    [
      'table whose cells are separated by runs of spaces',
      `Host record      Record type    Record value\n_dnsauth         TXT            ${TOKEN}`,
      { host: '_dnsauth', type: 'TXT', value: TOKEN }
    ],
    [
      'vertical table: label, tab, value',
      `Host record\t_dnsauth\nRecord type\tTXT\nRecord value\t${TOKEN}`,
      { host: '_dnsauth', type: 'TXT', value: TOKEN }
    ],
    [
      'DigiCert-style e-mail',
      `Dear customer,\n\nTo validate your domain, create a DNS TXT record with the following details:\n\nHost: _dnsauth.example.com\nValue: ${TOKEN}\n\nThe record must remain in place until the certificate is issued.`,
      { host: '_dnsauth.example.com', type: 'TXT', value: TOKEN }
    ],
    [
      'DigiCert-style, value on the next line',
      `DNS TXT record\nHost:\n  _dnsauth.example.com\nValue:\n  ${TOKEN}`,
      { host: '_dnsauth.example.com', type: 'TXT', value: TOKEN }
    ],
    [
      "Let's Encrypt zone-file line with a trailing dot and quotes",
      `_acme-challenge.example.com. 300 IN TXT "gfj9Xq-Rg85nM_Qmj2xV0lP1Ke3bGz6tYjq8s3TbRk"`,
      { host: '_acme-challenge.example.com', type: 'TXT', value: 'gfj9Xq-Rg85nM_Qmj2xV0lP1Ke3bGz6tYjq8s3TbRk' }
    ],
    [
      "Let's Encrypt short form: name, TXT, value",
      `_acme-challenge.example.com. TXT gfj9Xq-Rg85nM`,
      { host: '_acme-challenge.example.com', type: 'TXT', value: 'gfj9Xq-Rg85nM' }
    ],
    [
      'Certbot manual mode prose',
      `Please deploy a DNS TXT record under the name:\n\n_acme-challenge.example.com.\n\nwith the following value:\n\ngfj9Xq-Rg85nM\n\nBefore continuing, verify the TXT record has been deployed.`,
      { host: '_acme-challenge.example.com', type: 'TXT', value: 'gfj9Xq-Rg85nM' }
    ],
    [
      'CNAME instructions',
      `Record type: CNAME\nHost record: _dnsauth.www\nRecord value: 1a2b3c.dcv.digicert.com`,
      { host: '_dnsauth.www', type: 'CNAME', value: '1a2b3c.dcv.digicert.com' }
    ],
    [
      'Spanish labels',
      `Registro de host: _dnsauth\nTipo de registro: TXT\nValor del registro: ${TOKEN}`,
      { host: '_dnsauth', type: 'TXT', value: TOKEN }
    ],
    [
      'value in quotes, with invisible characters and non-breaking spaces from an e-mail',
      `Host record:\u00a0_dnsauth\nRecord type: TXT\nRecord value: "\u200b${TOKEN}"`,
      { host: '_dnsauth', type: 'TXT', value: TOKEN }
    ],
    [
      'Windows line endings and a labelled domain',
      `Domain: example.com\r\nHost record: _dnsauth\r\nRecord type: TXT\r\nRecord value: ${TOKEN}\r\n`,
      { host: '_dnsauth', type: 'TXT', value: TOKEN, domain: 'example.com' }
    ]
  ])('%s', (_name, text, expected) => {
    expect(parseCaText(text)).toEqual({ domain: null, ...expected })
  })

  it('leaves fields it cannot find as null', () => {
    expect(parseCaText('Hello, your order is ready.')).toEqual({ host: null, type: null, value: null, domain: null })
    expect(countRecordFields(parseCaText('Record type: TXT'))).toBe(1)
  })

  it('does not take a word inside another word for a label', () => {
    expect(parseCaText('myhostname: nope').host).toBeNull()
  })
})
