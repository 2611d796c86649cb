// The multi-domain forms CAs and consoles really use (tables and e-mails, en and zh, ACME tools), each with the
// records it must give: a domain, a host, a type and a value per row.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { parseCaRecords } from '../../../src/renderer/src/lib/parse-ca-records'
import { parseCaText } from '../../../src/renderer/src/lib/parse-ca-text'
import { baseDomainOf, recordNameFor } from '../../../src/shared/placement'

const V = (n: number) => `2024061100000${n}00abcdefghijklmnopqrstuvwxyz0${n}`
const ACME_A = 'gfj9Xq-Rg85nM_Qmj2xV0lP1Ke3bGz6tYjq8s3TbRk'
const ACME_B = 'Zq8vT3Xm1rPbNnK2jYdLwC5eHsF7gAuQo9iR4tVxWy0'
const SECTIGO_1 = ['_7b3e1c9a4f2d8e6b5a0c1d2e3f4a5b6c', '9f8e7d6c5b4a3f2e1d0c9b8a7f6e5d4c.3a2b1c0d9e8f7a6b.sectigo.com']
const SECTIGO_2 = ['_1a2b3c4d5e6f7a8b9c0d1e2f3a4b5c6d', '0a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d.6e7f8a9b0c1d2e3f.sectigo.com']

const txt = (domain: string, host: string, value: string) => ({ domain, host, type: 'TXT', value })

const CASES: [string, string, { domain: string | null; host: string | null; type: string | null; value: string | null }[]][] = [
  [
    'Huawei Cloud CCM, multi-domain verification table copied from the console (zh)',
    [
      '域名\t主机记录\t记录类型\t记录值',
      `example.com\t_dnsauth\tTXT\t${V(1)}`,
      `www.example.com\t_dnsauth.www\tTXT\t${V(2)}`,
      `shop.example.com\t_dnsauth.shop\tTXT\t${V(3)}`
    ].join('\n'),
    [txt('example.com', '_dnsauth', V(1)), txt('www.example.com', '_dnsauth.www', V(2)), txt('shop.example.com', '_dnsauth.shop', V(3))]
  ],
  [
    'Huawei Cloud CCM (international console), a status column and a wildcard beside its apex',
    [
      'Domain Name\tHost Record\tRecord Type\tRecord Value\tStatus',
      `example.com\t_dnsauth\tTXT\t${V(1)}\tPending`,
      `*.example.com\t_dnsauth\tTXT\t${V(2)}\tPending`
    ].join('\n'),
    [txt('example.com', '_dnsauth', V(1)), txt('*.example.com', '_dnsauth', V(2))]
  ],
  [
    'Alibaba Cloud SSL certificate console: type before host, notes in parentheses in the header',
    [
      '域名\t记录类型\t主机记录(RR)\t记录值(Value)',
      `example.cn\tTXT\t_dnsauth\t${V(1)}`,
      `m.example.cn\tTXT\t_dnsauth.m\t${V(2)}`
    ].join('\n'),
    [txt('example.cn', '_dnsauth', V(1)), txt('m.example.cn', '_dnsauth.m', V(2))]
  ],
  [
    'Tencent Cloud SSL, a |-separated table with a verification-status column',
    [
      '| 域名 | 主机记录 | 记录类型 | 记录值 | 验证状态 |',
      '| --- | --- | --- | --- | --- |',
      `| example.com | _dnsauth | TXT | ${V(1)} | 待验证 |`,
      `| api.example.com | _dnsauth.api | TXT | ${V(2)} | 待验证 |`
    ].join('\n'),
    [txt('example.com', '_dnsauth', V(1)), txt('api.example.com', '_dnsauth.api', V(2))]
  ],
  [
    'a console table copied with every cell on its own line',
    ['域名', '主机记录', '记录类型', '记录值', 'example.com', '_dnsauth', 'TXT', V(1), 'blog.example.com', '_dnsauth.blog', 'TXT', V(2), '关闭'].join('\n'),
    [txt('example.com', '_dnsauth', V(1)), txt('blog.example.com', '_dnsauth.blog', V(2))]
  ],
  [
    'DigiCert e-mail listing each domain with its own host and value',
    `Hello,

Your order #12345678 requires domain control validation (DCV). Please add the following DNS TXT records:

Domain: example.com
Host: _dnsauth.example.com
Record type: TXT
Value: ${V(1)}

Domain: shop.example.com
Host: _dnsauth.shop.example.com
Record type: TXT
Value: ${V(2)}

The records must remain in place until the certificate is issued.
DigiCert Validation Team`,
    [txt('example.com', '_dnsauth.example.com', V(1)), txt('shop.example.com', '_dnsauth.shop.example.com', V(2))]
  ],
  [
    'GeoTrust e-mail, values on the line after their label, the type named once in the prose',
    `To complete validation, create a DNS TXT record for each domain below.

Domain Name:
  example.org
Host Record:
  _dnsauth
Record Value:
  ${V(1)}

Domain Name:
  www.example.org
Host Record:
  _dnsauth.www
Record Value:
  ${V(2)}`,
    [txt('example.org', '_dnsauth', V(1)), txt('www.example.org', '_dnsauth.www', V(2))]
  ],
  [
    'Sectigo e-mail: one CNAME per domain as zone-file lines',
    `Please create the following CNAME records in the DNS zone of each domain:

${SECTIGO_1[0]}.example.com. CNAME ${SECTIGO_1[1]}.
${SECTIGO_2[0]}.www.example.com. CNAME ${SECTIGO_2[1]}.

Once the records are in place, the validation completes automatically.`,
    [
      { domain: 'example.com', host: `${SECTIGO_1[0]}.example.com`, type: 'CNAME', value: `${SECTIGO_1[1]}.` },
      { domain: 'www.example.com', host: `${SECTIGO_2[0]}.www.example.com`, type: 'CNAME', value: `${SECTIGO_2[1]}.` }
    ]
  ],
  [
    'Sectigo e-mail with labelled blocks (record name, points to)',
    `Domain: example.net
Record name: ${SECTIGO_1[0]}.example.net
Points to: ${SECTIGO_1[1]}

Domain: mail.example.net
Record name: ${SECTIGO_2[0]}.mail.example.net
Points to: ${SECTIGO_2[1]}

Record type: CNAME`,
    [
      { domain: 'example.net', host: `${SECTIGO_1[0]}.example.net`, type: 'CNAME', value: SECTIGO_1[1]! },
      { domain: 'mail.example.net', host: `${SECTIGO_2[0]}.mail.example.net`, type: 'CNAME', value: SECTIGO_2[1]! }
    ]
  ],
  [
    'TrustAsia (亚洲诚信) e-mail, numbered blocks with full-width colons',
    `尊敬的客户：

您好！您的证书订单（订单号：TA2024061100123）需要完成域名验证，请为以下域名分别添加 DNS 解析记录：

1. 域名：example.com.cn
   主机记录：_dnsauth
   记录类型：TXT
   记录值：${V(1)}

2. 域名：www.example.com.cn
   主机记录：_dnsauth.www
   记录类型：TXT
   记录值：${V(2)}

3. 域名：pay.example.com.cn
   主机记录：_dnsauth.pay
   记录类型：TXT
   记录值：${V(3)}

添加完成后，系统将自动检测。如有疑问请联系 TrustAsia 客服。`,
    [
      txt('example.com.cn', '_dnsauth', V(1)),
      txt('www.example.com.cn', '_dnsauth.www', V(2)),
      txt('pay.example.com.cn', '_dnsauth.pay', V(3))
    ]
  ],
  [
    'ACME zone-file lines: the wildcard and its apex each with a token at the same name',
    `_acme-challenge.example.com. 300 IN TXT "${ACME_A}"\n_acme-challenge.example.com. 300 IN TXT "${ACME_B}"`,
    [txt('example.com', '_acme-challenge.example.com', ACME_A), txt('*.example.com', '_acme-challenge.example.com', ACME_B)]
  ],
  [
    "Certbot's manual mode asking for two challenges in turn",
    `Please deploy a DNS TXT record under the name:

_acme-challenge.example.com.

with the following value:

${ACME_A}

- - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - -
Press Enter to Continue
- - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - -
Please deploy a DNS TXT record under the name:

_acme-challenge.example.com.

with the following value:

${ACME_B}

(This must be set up in addition to the previous challenges; do not remove,
replace, or undo the previous challenge tasks yet. Note that you might be
asked to create multiple distinct TXT records with the same name. This is
permitted by DNS standards.)`,
    [txt('example.com', '_acme-challenge.example.com', ACME_A), txt('*.example.com', '_acme-challenge.example.com', ACME_B)]
  ],
  [
    "acme.sh's manual DNS mode (the record's name under the label Domain, values in single quotes)",
    `[Tue Jun 11 10:12:01 CST 2024] Add the following TXT record:
[Tue Jun 11 10:12:01 CST 2024] Domain: '_acme-challenge.example.com'
[Tue Jun 11 10:12:01 CST 2024] TXT value: '${ACME_A}'
[Tue Jun 11 10:12:01 CST 2024] Please be aware that you prepend _acme-challenge. before your domain
[Tue Jun 11 10:12:01 CST 2024] so the resulting subdomain will be: _acme-challenge.example.com
[Tue Jun 11 10:12:01 CST 2024] Add the following TXT record:
[Tue Jun 11 10:12:01 CST 2024] Domain: '_acme-challenge.shop.example.com'
[Tue Jun 11 10:12:01 CST 2024] TXT value: '${ACME_B}'`,
    [txt('example.com', '_acme-challenge.example.com', ACME_A), txt('shop.example.com', '_acme-challenge.shop.example.com', ACME_B)]
  ]
]

describe('parseCaRecords, multi-domain texts', () => {
  it.each(CASES)('%s', (_name, text, expected) => {
    expect(parseCaRecords(text)).toEqual(expected)
  })

  it('keeps hosts as the CA shows them, and the shared placement rules put each where the CA means', () => {
    const [, text] = CASES.find(([name]) => name.startsWith('TrustAsia'))!
    const names = parseCaRecords(text).map((r) => recordNameFor(r.host!, baseDomainOf(r.domain!)))
    expect(names).toEqual(['_dnsauth.example.com.cn', '_dnsauth.www.example.com.cn', '_dnsauth.pay.example.com.cn'])
  })

  it('gives one record, as parseCaText reads it, for a text about one record', () => {
    for (const text of [
      `Host record: _dnsauth\nRecord type: TXT\nRecord value: ${V(1)}`,
      `主机记录\t记录类型\t记录值\n_dnsauth\tTXT\t${V(1)}`,
      `Domain: example.com\nHost: _dnsauth\nValue: ${V(1)}`,
      `_acme-challenge.example.com. 300 IN TXT "${ACME_A}"`
    ]) {
      expect(parseCaRecords(text)).toEqual([parseCaText(text)])
    }
  })

  it('gives nothing for a text without any record in it', () => {
    expect(parseCaRecords('Hello, your order is ready.')).toEqual([])
    expect(parseCaRecords('')).toEqual([])
  })

  it('takes a header row repeated for a header, never for a record', () => {
    expect(parseCaRecords('Host\tValue\n'.repeat(50)).length).toBeLessThanOrEqual(1)
  })

  it('stops a table at the first line that is not one of its rows', () => {
    const text = ['Host\tType\tValue', `_dnsauth\tTXT\t${V(1)}`, `_dnsauth.www\tTXT\t${V(2)}`, 'Questions? Write to us.', `x\tTXT\tnot-a-row`].join('\n')
    expect(parseCaRecords(text).map((r) => r.value)).toEqual([V(1), V(2)])
  })

  it('leaves a field no row gives as null, and fills one every row shares', () => {
    const text = `Record type: TXT\nDomain: a.example\nValue: ${V(1)}\nDomain: b.example\nValue: ${V(2)}`
    expect(parseCaRecords(text)).toEqual([
      { domain: 'a.example', host: null, type: 'TXT', value: V(1) },
      { domain: 'b.example', host: null, type: 'TXT', value: V(2) }
    ])
  })
})

describe('parseCaRecords on text that is not a CA text', () => {
  const PIECES = ['Domain:', 'Host:', 'Value:', '域名：', '主机记录', '记录值', 'TXT', 'CNAME', '\t', '|', '  ', '\n', ':', '_dnsauth', 'example.com', '.', '"', "'", 'under the name:', 'with the following value:', 'IN', '300', '*.']

  it('never throws, and every record it gives has something in it', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.constantFrom(...PIECES), fc.string()), { maxLength: 60 }), (pieces) => {
        const records = parseCaRecords(pieces.join(''))
        for (const r of records) expect(Object.values(r).some((field) => field !== null)).toBe(true)
        // Several records only when each of them is a record: with a host or a value.
        if (records.length > 1) for (const r of records) expect(r.host !== null || r.value !== null).toBe(true)
      }),
      { numRuns: 2000 }
    )
  })

  // Each of these once took time growing with the square of its length (seconds at 100 KB): a paste must never
  // freeze the window. At 400 KB the old behaviour runs far past the test's time limit.
  it.each([
    ['blank lines after "under the name:"', 'under the name:' + '\n \t'.repeat(130_000)],
    ['blank lines after "with the following value:"', 'with the following value:' + '\n '.repeat(200_000)],
    ['a label followed by a long run of spaces', 'Host record' + ' '.repeat(400_000) + 'x'],
    ['Certbot\'s "under the name" without a value, many times', 'under the name:\n_a.b.c\n'.repeat(60_000)]
  ])('reads %s in linear time', (_name, text) => {
    expect(() => parseCaRecords(text)).not.toThrow()
  })
})
