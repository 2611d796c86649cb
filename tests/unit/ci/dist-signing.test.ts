// .ci/dist.mjs: which signing electron-builder gets on each OS, from the secrets that are set (empty = not set).
import { describe, expect, it } from 'vitest'
import { signingPlan } from '../../../.ci/dist.mjs'

const CERT = 'MIIKpAIBAzCCCl4GCSqGSIb3DQEHAaCCCk8Egg...'
const APPLE = { APPLE_ID: 'dev@example.com', APPLE_APP_SPECIFIC_PASSWORD: 'abcd-efgh-ijkl-mnop', APPLE_TEAM_ID: 'ABCDE12345' }
/** What GitHub Actions passes for secrets that are not set: empty strings. */
const NO_SECRETS = {
  CSC_LINK: '',
  CSC_KEY_PASSWORD: '',
  WIN_CSC_LINK: '',
  WIN_CSC_KEY_PASSWORD: '',
  APPLE_ID: '',
  APPLE_APP_SPECIFIC_PASSWORD: '',
  APPLE_TEAM_ID: ''
}

describe('signingPlan', () => {
  it.each(['win32', 'darwin', 'linux'])('%s without secrets: drops the empty variables, turns auto-discovery off, says so', (platform) => {
    const plan = signingPlan({ ...NO_SECRETS, PATH: '/usr/bin' }, platform)
    expect(plan.error).toBeNull()
    expect(plan.env).toEqual({ PATH: '/usr/bin', CSC_IDENTITY_AUTO_DISCOVERY: 'false' })
    expect(plan.notices.join('\n')).toMatch(platform === 'linux' ? /not code-signed/ : /code signing skipped/)
  })

  it('Windows: signs with WIN_CSC_LINK, and an empty WIN_CSC_LINK does not hide CSC_LINK', () => {
    const own = signingPlan({ ...NO_SECRETS, WIN_CSC_LINK: CERT, WIN_CSC_KEY_PASSWORD: 'pw' }, 'win32')
    expect(own.env).toEqual({ WIN_CSC_LINK: CERT, WIN_CSC_KEY_PASSWORD: 'pw' })
    expect(own.notices).toEqual(['Windows code signing: with the certificate in WIN_CSC_LINK.'])

    const shared = signingPlan({ ...NO_SECRETS, CSC_LINK: CERT, CSC_KEY_PASSWORD: 'pw' }, 'win32')
    expect(shared.env).toEqual({ CSC_LINK: CERT, CSC_KEY_PASSWORD: 'pw' })
    expect('WIN_CSC_LINK' in shared.env).toBe(false)
    expect(shared.notices).toEqual(['Windows code signing: with the certificate in CSC_LINK.'])
  })

  it('Windows: warns when the certificate has no password', () => {
    const plan = signingPlan({ CSC_LINK: CERT }, 'win32')
    expect(plan.notices[1]).toMatch(/empty password/)
    expect(plan.env['CSC_IDENTITY_AUTO_DISCOVERY']).toBeUndefined()
  })

  it('macOS: signs and notarises when the certificate and all three Apple secrets are set', () => {
    const plan = signingPlan({ ...NO_SECRETS, CSC_LINK: CERT, CSC_KEY_PASSWORD: 'pw', ...APPLE }, 'darwin')
    expect(plan.error).toBeNull()
    expect(plan.env).toEqual({ CSC_LINK: CERT, CSC_KEY_PASSWORD: 'pw', ...APPLE })
    expect(plan.notices).toEqual([
      'macOS code signing: with the Developer ID certificate in CSC_LINK.',
      'macOS notarisation: with APPLE_ID, APPLE_APP_SPECIFIC_PASSWORD and APPLE_TEAM_ID.'
    ])
  })

  it('macOS: signs without notarising when the Apple secrets are absent, and says so', () => {
    const plan = signingPlan({ ...NO_SECRETS, CSC_LINK: CERT, CSC_KEY_PASSWORD: 'pw' }, 'darwin')
    expect(plan.env).toEqual({ CSC_LINK: CERT, CSC_KEY_PASSWORD: 'pw' })
    expect(plan.notices[1]).toMatch(/^macOS notarisation skipped/)
  })

  it('macOS: fails on Apple secrets given in part, naming the missing ones', () => {
    const plan = signingPlan({ ...NO_SECRETS, CSC_LINK: CERT, APPLE_ID: APPLE.APPLE_ID }, 'darwin')
    expect(plan.error).toBe(
      'macOS notarisation needs all of APPLE_ID, APPLE_APP_SPECIFIC_PASSWORD, APPLE_TEAM_ID; missing: APPLE_APP_SPECIFIC_PASSWORD, APPLE_TEAM_ID.'
    )
  })

  it('macOS: no certificate means no notarisation either (Apple notarises signed apps only)', () => {
    const plan = signingPlan({ ...NO_SECRETS, ...APPLE }, 'darwin')
    expect(plan.error).toBeNull()
    expect(plan.env).toEqual({ CSC_IDENTITY_AUTO_DISCOVERY: 'false' })
    expect(plan.notices[1]).toMatch(/only notarises a signed app/)
  })

  it('never puts a secret value in a notice', () => {
    for (const platform of ['win32', 'darwin', 'linux']) {
      const plan = signingPlan({ CSC_LINK: CERT, CSC_KEY_PASSWORD: 'hunter2', ...APPLE }, platform)
      for (const secret of [CERT, 'hunter2', ...Object.values(APPLE)]) expect(plan.notices.join('\n')).not.toContain(secret)
    }
  })
})
