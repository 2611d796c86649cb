// @ts-check
// `npm run dist` with code signing decided from the environment, and said out loud.
//
//   node .ci/dist.mjs [extra electron-builder flags]      (the release workflow runs it; it works locally too)
//
// electron-builder signs when it finds a certificate and notarises when it finds Apple credentials, silently
// skipping otherwise. That is the behaviour wanted here, with three fixes:
// - In GitHub Actions a secret that is not set arrives as an empty string, and electron-builder takes an empty
//   WIN_CSC_LINK as "set" (it then ignores CSC_LINK). Empty signing variables are dropped.
// - With no certificate, CSC_IDENTITY_AUTO_DISCOVERY=false: a build machine's keychain must not sign by accident.
// - Each decision is one log line (a GitHub notice in Actions), so an unsigned installer is never a surprise. Apple
//   credentials given in part fail the build: someone meant to notarise, and an un-notarised DMG must not ship
//   silently.
// Nothing secret is printed: only which variables are set.

import { spawn } from 'node:child_process'
import { resolve } from 'node:path'
import { pathToFileURL } from 'node:url'

export const SIGNING_VARIABLES = [
  'CSC_LINK',
  'CSC_KEY_PASSWORD',
  'WIN_CSC_LINK',
  'WIN_CSC_KEY_PASSWORD',
  'APPLE_ID',
  'APPLE_APP_SPECIFIC_PASSWORD',
  'APPLE_TEAM_ID'
]

const APPLE_NOTARY_VARIABLES = ['APPLE_ID', 'APPLE_APP_SPECIFIC_PASSWORD', 'APPLE_TEAM_ID']

/**
 * @typedef {{ env: Record<string, string>, notices: string[], error: string | null }} SigningPlan
 *   env: the environment for electron-builder; notices: one line per decision; error: why the build must stop.
 */

/**
 * What electron-builder will do about signing on `platform`, given the environment.
 * @param {Record<string, string | undefined>} input
 * @param {string} platform a `process.platform` value
 * @returns {SigningPlan}
 */
export function signingPlan(input, platform) {
  /** @type {Record<string, string>} */
  const env = {}
  for (const [name, value] of Object.entries(input)) {
    if (value === undefined) continue
    if (SIGNING_VARIABLES.includes(name) && value.trim() === '') continue
    env[name] = value
  }
  const has = (/** @type {string} */ name) => name in env
  /** @type {string[]} */
  const notices = []
  const withoutCertificate = () => {
    env['CSC_IDENTITY_AUTO_DISCOVERY'] = 'false'
  }

  if (platform === 'win32') {
    const certificate = has('WIN_CSC_LINK') ? 'WIN_CSC_LINK' : has('CSC_LINK') ? 'CSC_LINK' : null
    if (certificate === null) {
      withoutCertificate()
      notices.push(
        'Windows code signing skipped: neither WIN_CSC_LINK nor CSC_LINK is set. The installer is unsigned; ' +
          'SmartScreen warns whoever runs it.'
      )
    } else {
      notices.push(`Windows code signing: with the certificate in ${certificate}.`)
      // electron-builder reads WIN_CSC_KEY_PASSWORD, then CSC_KEY_PASSWORD, whichever variable holds the certificate.
      if (!has('WIN_CSC_KEY_PASSWORD') && !has('CSC_KEY_PASSWORD')) {
        notices.push('Windows code signing: no WIN_CSC_KEY_PASSWORD or CSC_KEY_PASSWORD; electron-builder tries an empty password.')
      }
    }
    return { env, notices, error: null }
  }

  if (platform === 'darwin') {
    const given = APPLE_NOTARY_VARIABLES.filter(has)
    if (given.length > 0 && given.length < APPLE_NOTARY_VARIABLES.length) {
      const missing = APPLE_NOTARY_VARIABLES.filter((name) => !has(name))
      return {
        env,
        notices,
        error: `macOS notarisation needs all of ${APPLE_NOTARY_VARIABLES.join(', ')}; missing: ${missing.join(', ')}.`
      }
    }
    const notarise = given.length === APPLE_NOTARY_VARIABLES.length
    if (!has('CSC_LINK')) {
      withoutCertificate()
      // Apple notarises only a signed app: the credentials do not go to electron-builder.
      const unsigned = Object.fromEntries(Object.entries(env).filter(([name]) => !APPLE_NOTARY_VARIABLES.includes(name)))
      notices.push(
        'macOS code signing skipped: CSC_LINK is not set. The app keeps an ad-hoc signature; Gatekeeper blocks it ' +
          'until the user allows it in System Settings → Privacy & Security.'
      )
      notices.push(
        notarise
          ? 'macOS notarisation skipped: Apple credentials are set, but Apple only notarises a signed app (set CSC_LINK).'
          : 'macOS notarisation skipped: APPLE_ID, APPLE_APP_SPECIFIC_PASSWORD and APPLE_TEAM_ID are not set.'
      )
      return { env: unsigned, notices, error: null }
    }
    notices.push('macOS code signing: with the Developer ID certificate in CSC_LINK.')
    notices.push(
      notarise
        ? 'macOS notarisation: with APPLE_ID, APPLE_APP_SPECIFIC_PASSWORD and APPLE_TEAM_ID.'
        : 'macOS notarisation skipped: APPLE_ID, APPLE_APP_SPECIFIC_PASSWORD and APPLE_TEAM_ID are not set. ' +
            'Gatekeeper warns about a signed but un-notarised app.'
    )
    return { env, notices, error: null }
  }

  withoutCertificate()
  notices.push('Linux: AppImages are not code-signed; nothing to configure.')
  return { env, notices, error: null }
}

/** A notice as GitHub Actions shows it (an annotation on the run), or plain text elsewhere. */
function announce(/** @type {string} */ line, /** @type {'notice' | 'error'} */ level) {
  if (process.env['GITHUB_ACTIONS'] === 'true') console.log(`::${level} title=Code signing::${line}`)
  else console.log(`${level === 'error' ? 'error' : 'signing'}: ${line}`)
}

function main() {
  const plan = signingPlan(process.env, process.platform)
  for (const line of plan.notices) announce(line, 'notice')
  if (plan.error !== null) {
    announce(plan.error, 'error')
    process.exit(1)
  }
  // --publish never: electron-builder would otherwise try to publish a GitHub release when it runs for a tag.
  const args = ['run', 'dist', '--', '--publish', 'never', ...process.argv.slice(2)]
  // npm is npm.cmd on Windows, which only a shell can start.
  const child = spawn('npm', args, { stdio: 'inherit', env: plan.env, shell: process.platform === 'win32' })
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)))
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) main()
