// The command line with full-width dots (issue 10, item 1): bad usage (exit 2) with the words of ASCII `a..b`, never
// an internal error (exit 3) with a stack trace. Nothing here reaches a server: the names are refused first.

import { describe, expect, it } from 'vitest'
import { runCli } from '../../../src/main/cli/index'

const DOTS = ['\u3002', '\uff0e', '\uff61']
const DIAGNOSE = ['--host', '_dnsauth', '--type', 'TXT', '--value', 'token', '--root', '127.0.0.1:9', '--resolver', '127.0.0.1:9']

describe.each(DOTS)('full-width dot %j', (dot) => {
  it.each([
    ['query', (name: string) => ['query', name, 'TXT', '--server', '127.0.0.1:9']],
    ['trace', (name: string) => ['trace', name, 'TXT', '--root', '127.0.0.1:9']],
    ['diagnose', (name: string) => ['diagnose', '--domain', name, ...DIAGNOSE]]
  ])('%s: exit 2 with the message of a..b', async (_command, argv) => {
    const ascii = await runCli(argv('a..b'))
    const wide = await runCli(argv(`a.${dot}b`))
    expect(ascii.exitCode).toBe(2)
    expect(wide.exitCode).toBe(2)
    expect(wide.stderr).toContain('empty label')
    expect(wide.stderr).toBe(ascii.stderr!.replace('a..b', `a.${dot}b`))
    expect(wide.stderr).not.toMatch(/\n\s+at /)
  })
})
