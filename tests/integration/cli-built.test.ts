/**
 * The command line as users run it: bin/dnsverify.js on plain node, running the build in out/node (which the
 * global setup rebuilds when its sources changed), against an in-process dns2 server on loopback. Also what a
 * start loads: `--help` no command bundle, `query` only its own, and neither zod nor the diagnosis engine.
 */
import { execFile } from 'node:child_process'
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildReply, startFixtureServer, type FixtureServer } from '../support/fixture-server'

const repo = resolve(import.meta.dirname, '../..')
const bin = join(repo, 'bin/dnsverify.js')

interface Run {
  code: number | null
  stdout: string
  stderr: string
}

function run(args: string[], nodeArgs: string[] = [], script = bin): Promise<Run> {
  return new Promise((resolveRun) => {
    execFile(process.execPath, [...nodeArgs, script, ...args], { cwd: repo, timeout: 20_000 }, (error, stdout, stderr) => {
      resolveRun({ code: error ? ((error as { code?: number }).code ?? null) : 0, stdout, stderr })
    })
  })
}

let server: FixtureServer
let scratch: string
beforeAll(async () => {
  server = await startFixtureServer((ctx) => {
    ctx.reply(buildReply(ctx.query, { answers: [{ name: ctx.query.name, type: 'TXT', ttl: 300, data: ['built-cli-value'] }] }))
  })
  scratch = mkdtempSync(join(tmpdir(), 'dnsverify-cli-built-'))
})
afterAll(async () => {
  await server.close()
  rmSync(scratch, { recursive: true, force: true })
})

describe('bin/dnsverify.js runs the build', () => {
  it('answers a query from the server it is given', async () => {
    const r = await run(['query', '_dnsauth.example.test', 'TXT', '--server', server.spec])
    expect(r).toMatchObject({ code: 0, stderr: '' })
    expect(r.stdout).toContain('_dnsauth.example.test\ttext = "built-cli-value"')
    expect(server.queries.at(-1)).toMatchObject({ name: '_dnsauth.example.test', type: 'TXT', rd: true })
  })

  it('prints --json output from the same run', async () => {
    const r = await run(['query', 'json.example.test', 'TXT', '--server', server.spec, '--json'])
    expect(r.code).toBe(0)
    const parsed = JSON.parse(r.stdout) as { ok: boolean; response: { rcode: string } }
    expect(parsed).toMatchObject({ ok: true, response: { rcode: 'NOERROR' } })
  })

  it('prints the usage for --help and for help COMMAND without running anything', async () => {
    const main = await run(['--help'])
    expect(main.code).toBe(0)
    expect(main.stdout).toContain('dnsverify query NAME [TYPE]')
    const diagnose = await run(['help', 'diagnose'])
    expect(diagnose.code).toBe(0)
    expect(diagnose.stdout).toContain('Usage: dnsverify diagnose --domain D')
  })

  // Each command is its own bundle with its own copy of UsageError; the entry must still see it as one.
  it.each([
    [['query'], 'dnsverify query: Missing NAME.'],
    [['query', 'a.test', '--timeout', 'soon'], '--timeout must be a whole number, not "soon".'],
    [['trace'], 'dnsverify trace:'],
    [['diagnose', '--host', '_dnsauth'], 'dnsverify diagnose: Missing --domain.']
  ])('exits 2 with the message for bad usage: %j', async (args, message) => {
    const r = await run(args)
    expect(r.code).toBe(2)
    expect(r.stderr).toContain(message)
    expect(r.stderr).not.toContain('internal error')
  })

  it.each([['frobnicate'], ['toString'], ['__proto__']])('calls %s an unknown command (exit 2)', async (name) => {
    const r = await run([name])
    expect(r.code).toBe(2)
    expect(r.stderr).toContain(`dnsverify: unknown command "${name}".`)
  })

  it('says how to build when the build is missing', async () => {
    // A checkout without out/: the same bin files, nothing built beside them.
    mkdirSync(join(scratch, 'bin'))
    copyFileSync(bin, join(scratch, 'bin/dnsverify.js'))
    copyFileSync(join(repo, 'bin/package.json'), join(scratch, 'bin/package.json'))
    const r = await run(['--help'], [], join(scratch, 'bin/dnsverify.js'))
    expect(r.code).toBe(3)
    expect(r.stderr).toContain('run npm run build:cli')
  })
})

describe('what a start loads', () => {
  /** The files under out/node that one run required, listed by a preloaded script when the process exits. */
  async function loadedBuildFiles(args: string[]): Promise<string[]> {
    const hook = join(scratch, 'list-loaded.cjs')
    writeFileSync(
      hook,
      `process.on('exit', () => process.stderr.write('LOADED ' + JSON.stringify(Object.keys(require.cache)) + '\\n'))\n`
    )
    const r = await run(args, ['--require', hook])
    const line = r.stderr.split('\n').find((l) => l.startsWith('LOADED '))
    expect(line, r.stderr).toBeDefined()
    const outDir = join(repo, 'out/node') + '/'
    return (JSON.parse(line!.slice('LOADED '.length)) as string[])
      .filter((f) => f.startsWith(outDir))
      .map((f) => f.slice(outDir.length))
      .sort()
  }

  it('--help loads the entry only', async () => {
    expect(await loadedBuildFiles(['--help'])).toEqual(['dnsverify.cjs'])
  })

  it('query loads the entry and the query command only', async () => {
    expect(await loadedBuildFiles(['query', 'a.example.test', 'TXT', '--server', server.spec])).toEqual(['commands/query.cjs', 'dnsverify.cjs'])
  })

  it('neither the entry nor the query command holds zod or the diagnosis engine', () => {
    const meta = JSON.parse(readFileSync(join(repo, 'out/node/meta.json'), 'utf8')) as {
      outputs: Record<string, { inputs: Record<string, unknown> }>
    }
    for (const output of ['out/node/dnsverify.cjs', 'out/node/commands/query.cjs']) {
      const inputs = Object.keys(meta.outputs[output]!.inputs)
      expect(inputs.filter((i) => i.includes('node_modules/zod/') || i.startsWith('src/main/diagnosis/')), output).toEqual([])
    }
    // The diagnose command does need both: the check that the list above is not empty by accident.
    const diagnose = Object.keys(meta.outputs['out/node/commands/diagnose.cjs']!.inputs)
    expect(diagnose.some((i) => i.includes('node_modules/zod/'))).toBe(true)
    expect(diagnose.some((i) => i.startsWith('src/main/diagnosis/'))).toBe(true)
  })
})
