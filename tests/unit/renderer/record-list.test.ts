// The order's rows as step 2 edits them and step 3 groups them: pure functions, no store.
import { describe, expect, it } from 'vitest'
import { groupByName, kindOfRecords, newRecord, recordsForKind, recordsFromPaste, type PlannedRecord } from '../../../src/renderer/src/lib/record-list'

const row = (domain: string, host = '_dnsauth', value = 'v') => ({ domain, host, type: 'TXT' as const, value })
const planned = (domain: string, name: string, value: string, index: number): PlannedRecord => ({
  certificateDomain: domain,
  baseDomain: domain.replace(/^\*\./, ''),
  name,
  zone: 'example.com',
  relativeHost: name.replace(/\.?example\.com$/, '') || '@',
  index,
  host: '_acme-challenge',
  type: 'TXT',
  value
})

describe('record list', () => {
  it('groups records by name: one value for several domains is one record, two values at one name are two', () => {
    const groups = groupByName([
      planned('example.com', '_dnsauth.example.com', 'one', 0),
      planned('www.example.com', '_dnsauth.example.com', 'one', 1),
      planned('*.example.com', '_acme-challenge.example.com', 'wild', 2),
      planned('example.com', '_acme-challenge.example.com', 'apex', 3)
    ])
    expect(groups.map((g) => [g.name, g.values])).toEqual([
      ['_dnsauth.example.com', [{ value: 'one', domains: ['example.com', 'www.example.com'] }]],
      [
        '_acme-challenge.example.com',
        [
          { value: 'wild', domains: ['*.example.com'] },
          { value: 'apex', domains: ['example.com'] }
        ]
      ]
    ])
  })

  it('starts a new row with the order\'s host and type, and its value only when the order has one value', () => {
    expect(newRecord([])).toEqual({ domain: '', host: '', type: 'TXT', value: '' })
    expect(newRecord([row('a.example', '_x', 'same'), row('b.example', '_y', 'same')], 'c.example')).toEqual(row('c.example', '_x', 'same'))
    expect(newRecord([row('a.example', '_x', 'one'), row('b.example', '_x', 'two')]).value).toBe('')
  })

  it.each([
    ['single from a wildcard and a www name keeps the www one', 'single', [row('*.example.com', '_a', '1'), row('www.example.com', '_b', '2')], [row('www.example.com', '_b', '2')]],
    ['wildcard keeps the row of the wildcard if there is one', 'wildcard', [row('example.com', '_a', '1'), row('*.example.com', '_b', '2')], [row('*.example.com', '_b', '2')]],
    ['multi from the apex adds its www', 'multi', [row('example.com')], [row('example.com'), row('www.example.com')]],
    ['multi from a www name adds its parent', 'multi', [row('www.example.com')], [row('www.example.com'), row('example.com')]],
    ['multi with two rows already changes nothing', 'multi', [row('a.example'), row('b.example', '_c', 'x')], [row('a.example'), row('b.example', '_c', 'x')]]
  ] as const)('%s', (_name, kind, records, expected) => {
    expect(recordsForKind(kind, records, 'example.com')).toEqual(expected)
  })

  it.each([
    ['one domain', [row('example.com')], 'single'],
    ['a wildcard alone', [row('*.example.com')], 'wildcard'],
    ['a wildcard and its apex', [row('*.example.com'), row('example.com')], 'wildcard'],
    ['a wildcard and another name', [row('*.example.com'), row('shop.example.com')], 'multi'],
    ['two names', [row('example.com'), row('www.example.com')], 'multi']
  ] as const)('an order of %s is %s', (_name, records, kind) => {
    expect(kindOfRecords(records)).toBe(kind)
  })

  it('gives pasted records without a domain the domain of the row at their place', () => {
    const parsed = [
      { domain: null, host: '_a', type: 'TXT' as const, value: '1' },
      { domain: 'other.example', host: '_b', type: null, value: null }
    ]
    expect(recordsFromPaste([row('first.example'), row('second.example')], parsed, 'x.example')).toEqual([
      row('first.example', '_a', '1'),
      { domain: 'other.example', host: '_b', type: 'TXT', value: '' }
    ])
    // Nothing read: the rows stay as they were; one record and no rows yet: a row for the step-1 domain.
    expect(recordsFromPaste([row('a.example')], [], 'x.example')).toEqual([row('a.example')])
    expect(recordsFromPaste([], [{ domain: null, host: '_h', type: null, value: 'v' }], 'x.example')).toEqual([row('x.example', '_h', 'v')])
  })
})
