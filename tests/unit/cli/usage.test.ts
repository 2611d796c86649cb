import { describe, expect, it } from 'vitest'
import { runCli } from '../../../src/main/cli/index'
import { parseWebArgs } from '../../../src/main/bridge/cli'
import { UsageError } from '../../../src/main/cli/usage-error'

/** The CLI's answer to a mistake: exit status 2 and English words from the locale tree, never a crash. */
describe('dnsverify usage errors', () => {
  it.each([
    [['query'], 'dnsverify query: Missing NAME.\nRun "dnsverify help query" for the options.'],
    [['query', 'bad..name'], 'dnsverify query: "bad..name" has an empty label (two dots in a row, or a leading dot).'],
    [['query', 'example.com', 'BOGUS'], 'dnsverify query: "BOGUS" is not a DNS record type (for example TXT, CNAME, CAA, A).'],
    [['query', 'example.com', '--server', '1.2.3.4:99999'], 'dnsverify query: "1.2.3.4:99999": the port 99999 is outside 1–65535.'],
    [['query', '--nope'], 'dnsverify query: Unknown option --nope.\nRun "dnsverify help query" for the options.'],
    [['query', 'example.com', '--timeout'], 'dnsverify query: Option --timeout needs a value.\nRun "dnsverify help query" for the options.'],
    [['query', 'example.com', '--timeout', '0'], 'dnsverify query: --timeout must be between 1 and 60000, not 0.'],
    [['trace', 'example.com', 'A', 'extra'], 'dnsverify trace: Unexpected argument "extra".\nRun "dnsverify help trace" for the options.'],
    [['trace', 'example.com', '--root', '[1.2.3.4]'], 'dnsverify trace: "[1.2.3.4]": brackets are only for IPv6 addresses.'],
    [['diagnose', '--domain', 'x'], 'dnsverify diagnose: Missing --host.\nRun "dnsverify help diagnose" for the options.'],
    [
      ['diagnose', '--domain', 'localhost', '--host', '_a', '--type', 'TXT', '--value', 'v'],
      'dnsverify diagnose: --domain: "localhost" is not a full domain name; it needs a dot, for example example.com.'
    ],
    [
      ['diagnose', '--domain', 'example.com', '--host', '_a', '--type', 'MX', '--value', 'v'],
      'dnsverify diagnose: --type: The record type must be TXT or CNAME (the CA\'s instructions say which), not "MX".'
    ],
    [['diagnose', '--domain', 'a.example', '--host', '_a', '--type', 'TXT', '--value', 'v', '--interval', '5'], 'dnsverify diagnose: --interval and --max-checks go with --watch.']
  ])('%j', async (argv, stderr) => {
    expect(await runCli(argv)).toEqual({ stdout: '', stderr: `${stderr}\n`, exitCode: 2 })
  })

  it('carries the message id and params, for anything that would translate it', () => {
    const error = (() => {
      try {
        parseWebArgs(['--data-dir', ' '])
      } catch (e) {
        return e
      }
      return null
    })()
    expect(error).toBeInstanceOf(UsageError)
    expect(error).toMatchObject({ messageId: 'cli.needsFolder', params: { flag: '--data-dir' }, message: '--data-dir needs a folder.' })
  })
})
