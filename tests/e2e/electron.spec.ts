// The real desktop shell: the built app launched with Playwright's _electron. Covers what only the shell does: the
// window's security (CSP, sandbox, isolation, navigation), the application menu, step 1 over IPC, a notification when
// a watched check turns green, a second launch handing over to the first, and the window's place kept across runs.
//
// DNS comes from tests/support/loopback-dns.ts (three in-process servers on 127.0.0.1), so these specs run on the
// release workflow's Windows and macOS runners too, where the NSD lab cannot. Skips, saying why, when the Electron
// binary is not installed (node_modules/electron without its download) or the app is not built.
import { spawn } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { _electron as electron, expect, test, type ElectronApplication, type Page } from '@playwright/test'
import type { AppSettings, WatchProgress } from '../../src/shared/api'
import type { PreloadApi } from '../../src/shared/api-result'
import { contentSecurityPolicyMeta } from '../../src/main/shell/content-security-policy'
import { startLoopbackDns, type LoopbackDns } from '../support/loopback-dns'

const repo = resolve(import.meta.dirname, '../..')
const TOKEN = '20240611000000e2etoken0abcdefghijklmnopqrstuv'
const EDIT_ROLES = ['undo', 'redo', 'cut', 'copy', 'paste', 'pasteandmatchstyle', 'delete', 'selectall']

/**
 * Where the electron package put its binary, read the way its index.js does (path.txt beside it) but without
 * loading it: requiring 'electron' starts a download when the binary is missing, and tests never touch the network.
 */
function electronBinary(): { path: string | null; reason: string } {
  const dir = join(repo, 'node_modules/electron')
  if (!existsSync(join(dir, 'package.json'))) return { path: null, reason: 'the electron package is not installed' }
  const pathFile = join(dir, 'path.txt')
  if (!existsSync(pathFile)) {
    return { path: null, reason: 'the Electron binary is not installed (node_modules/electron has no path.txt: its download never ran)' }
  }
  const path = join(dir, 'dist', readFileSync(pathFile, 'utf8').trim())
  return existsSync(path) ? { path, reason: '' } : { path: null, reason: `the Electron binary is missing (${path})` }
}

const binary = electronBinary()
const built = existsSync(join(repo, 'out/main/index.js'))
const notRunnable = binary.path === null ? binary.reason : !built ? 'the app is not built (run "npm run build")' : null
// The release workflow sets ELECTRON_SPECS_REQUIRED=1: there, a missing binary is a failure, not a quiet skip.
const required = process.env['ELECTRON_SPECS_REQUIRED'] === '1'
const skipReason = required ? null : notRunnable
// Reporters show a skip's reason only in their summaries; say it where a person reading the run will see it.
if (skipReason !== null) console.warn(`electron.spec.ts skipped: ${skipReason}.`)

/**
 * Linux CI machines have no setuid sandbox helper for an Electron in node_modules (and Ubuntu 24.04 restricts the
 * namespaces it would use instead), so the OS-level sandbox is off there; the renderer still runs in Electron's
 * sandboxed mode, which the specs check. On macOS and Windows the OS sandbox stays on, and the specs check it too.
 */
const launchArgs = (userData: string): string[] => [
  join(repo, 'out/main/index.js'),
  `--user-data-dir=${userData}`,
  ...(process.platform === 'linux' ? ['--no-sandbox'] : [])
]

/** The preload's API in the page (typed for page.evaluate). */
type PageWindow = Window & { dnsVerify: PreloadApi; __progress?: WatchProgress[] }
/** What the specs leave in the main process's global scope through electronApp.evaluate. */
type MainGlobals = typeof globalThis & { __notifications?: { title: string; body: string }[]; __secondInstances?: number }

test.describe('Electron shell', () => {
  test.describe.configure({ mode: 'serial' })
  test.skip(skipReason !== null, skipReason ?? '')

  let dns: LoopbackDns
  let userData: string
  let app: ElectronApplication
  let page: Page

  async function launch(): Promise<void> {
    app = await electron.launch({ executablePath: binary.path!, args: launchArgs(userData) })
    page = await app.firstWindow()
    await expect(page.locator('#step-title')).toBeVisible()
  }

  test.beforeAll(async () => {
    if (notRunnable !== null) throw new Error(`ELECTRON_SPECS_REQUIRED is set, but ${notRunnable}.`)
    dns = await startLoopbackDns([{ apex: 'good.test', txt: { _dnsauth: [TOKEN] } }])
    // A fresh profile whose settings point at the loopback DNS tree (userData is where --user-data-dir says).
    userData = mkdtempSync(join(tmpdir(), 'dnsverify-electron-'))
    const settings: AppSettings = {
      presets: [],
      includeSystemResolvers: false,
      customResolvers: [dns.resolver],
      roots: [dns.root],
      authPort: dns.authPort,
      timeoutMs: 1500,
      locale: 'en',
      theme: 'light',
      watchIntervalSeconds: 15
    }
    writeFileSync(join(userData, 'settings.json'), JSON.stringify(settings))
    await launch()
  })

  test.afterAll(async () => {
    await app?.close()
    await dns?.close()
    if (userData) rmSync(userData, { recursive: true, force: true })
  })

  test('runs from the test profile, with its settings', async () => {
    expect(await app.evaluate(({ app }) => app.getPath('userData'))).toBe(userData)
    const settings = await page.evaluate(() => (window as unknown as PageWindow).dnsVerify['settings:get']())
    expect(settings).toMatchObject({ ok: true, value: { roots: [dns.root], authPort: dns.authPort } })
  })

  test('the page is sandboxed and context-isolated, under the CSP, and cannot navigate away', async () => {
    // app.enableSandbox() puts every renderer in Electron's sandboxed mode; it leaves this switch behind.
    expect(await app.evaluate(({ app }) => app.commandLine.hasSwitch('enable-sandbox'))).toBe(true)
    if (process.platform !== 'linux') {
      // The OS-level sandbox around each page's process (reported on macOS and Windows only).
      const renderers = await app.evaluate(({ app }) => app.getAppMetrics().filter((m) => m.type === 'Tab').map((m) => m.sandboxed))
      expect(renderers.length).toBeGreaterThan(0)
      expect(renderers.every((sandboxed) => sandboxed === true)).toBe(true)
    }

    // No Node in the page, and the preload exposes only the typed Api.
    const inPage = await page.evaluate(() => ({
      require: typeof (window as unknown as { require?: unknown }).require,
      process: typeof (window as unknown as { process?: unknown }).process,
      keys: Object.keys((window as unknown as PageWindow).dnsVerify).sort()
    }))
    expect(inPage.require).toBe('undefined')
    expect(inPage.process).toBe('undefined')
    expect(inPage.keys).toContain('settings:get')
    expect(inPage.keys.filter((k) => /ipc|invoke|send|require/i.test(k))).toEqual([])

    // The policy the build wrote into index.html, and it is enforced: an inline script is refused.
    expect(await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content')).toBe(contentSecurityPolicyMeta())
    const inline = await page.evaluate(async () => {
      const violation = new Promise<string>((done) => document.addEventListener('securitypolicyviolation', (e) => done(e.violatedDirective), { once: true }))
      const script = document.createElement('script')
      script.textContent = 'window.__inlineRan = true'
      document.head.append(script)
      return { ran: (window as unknown as { __inlineRan?: boolean }).__inlineRan === true, directive: await violation }
    })
    expect(inline).toEqual({ ran: false, directive: expect.stringMatching(/^script-src/) })

    // No new windows, no navigation away (example.com is not on the link allow-list, so nothing is opened either).
    const appUrl = page.url()
    expect(await page.evaluate(() => window.open('https://example.com/') === null)).toBe(true)
    await page.evaluate(() => {
      window.location.href = 'https://example.com/'
    })
    await page.waitForTimeout(500)
    expect(page.url()).toBe(appUrl)
    expect(await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().length)).toBe(1)
  })

  test('the application menu has the Edit roles (copy and paste in text fields) and the app version', async () => {
    const menu = await app.evaluate(({ Menu }) =>
      (Menu.getApplicationMenu()?.items ?? []).map((item) => ({
        label: item.label,
        roles: (item.submenu?.items ?? []).flatMap((sub) => (sub.role ? [String(sub.role).toLowerCase()] : []))
      }))
    )
    const edit = menu.find((m) => m.label === 'Edit')
    expect(edit?.roles).toEqual(EDIT_ROLES)
    expect(menu.map((m) => m.label)).toEqual(expect.arrayContaining(['Edit', 'View', 'Window', 'Help']))
    const about = menu.flatMap((m) => m.roles).filter((role) => role === 'about')
    expect(about).toHaveLength(1)
    if (process.platform === 'darwin') expect(menu[0]?.roles).toEqual(expect.arrayContaining(['about', 'hide', 'hideothers', 'unhide', 'quit']))
    const version = (JSON.parse(readFileSync(join(repo, 'package.json'), 'utf8')) as { version: string }).version
    expect(await app.evaluate(({ app }) => app.getVersion())).toBe(version)
  })

  test('step 1 completes against the DNS tree, over IPC', async () => {
    await page.locator('#domain-input').fill('good.test')
    await page.getByTestId('lookup').click()
    await expect(page.getByTestId('delegation')).toContainText('ns1.good.test', { timeout: 60_000 })
    await page.locator('#platform-select').selectOption('unknown')
    await page.getByTestId('primary-action').click()
    await expect(page.locator('.step-header__eyebrow')).toContainText('2')
  })

  test('a desktop notification is requested when a watched check turns green, once', async () => {
    // Record notifications in the main process instead of showing them: the app creates Electron Notifications, so
    // their shared prototype is where to listen (no test hook in the app itself).
    await app.evaluate(({ Notification }) => {
      const shown: { title: string; body: string }[] = []
      ;(globalThis as MainGlobals).__notifications = shown
      Notification.isSupported = () => true
      Notification.prototype.show = function (this: Electron.Notification) {
        shown.push({ title: this.title, body: this.body })
      }
    })
    dns.setTxt('good.test', {})
    const input = { domains: ['good.test'], host: '_dnsauth', type: 'TXT' as const, value: TOKEN, resolvers: [dns.resolver], roots: [dns.root], authPort: dns.authPort }
    await page.evaluate((watched) => {
      const w = window as unknown as PageWindow
      w.__progress = []
      w.dnsVerify.onDidWatchProgress((p) => w.__progress!.push(p))
      return w.dnsVerify['watch:start']({ sessionId: 'e2e-notify', input: watched, intervalSeconds: 1 })
    }, input)
    const verdicts = () =>
      page.evaluate(() =>
        ((window as unknown as PageWindow).__progress ?? []).flatMap((p) => (p.sessionId === 'e2e-notify' && p.report ? [p.report.verdict] : []))
      )
    await expect.poll(verdicts, { timeout: 30_000 }).toContain('action_needed')
    expect(await app.evaluate(() => (globalThis as MainGlobals).__notifications)).toEqual([])

    // The record appears; the next check finds it.
    dns.setTxt('good.test', { _dnsauth: [TOKEN] })
    await expect.poll(verdicts, { timeout: 30_000 }).toContain('verified')
    await expect.poll(() => app.evaluate(() => (globalThis as MainGlobals).__notifications?.length), { timeout: 10_000 }).toBe(1)
    const [notification] = (await app.evaluate(() => (globalThis as MainGlobals).__notifications)) ?? []
    expect(notification?.title).toBe('Your DNS record is ready')
    expect(notification?.body).toMatch(/^good\.test: /)
    await page.evaluate(() => (window as unknown as PageWindow).dnsVerify['watch:stop']({ sessionId: 'e2e-notify' }))
  })

  test('a second launch hands over to the running app and quits', async () => {
    await app.evaluate(({ app }) => {
      ;(globalThis as MainGlobals).__secondInstances = 0
      app.on('second-instance', () => ((globalThis as MainGlobals).__secondInstances! += 1))
    })
    const second = spawn(binary.path!, launchArgs(userData), { stdio: 'ignore' })
    const exitCode = await new Promise<number | null>((done) => second.once('exit', (code) => done(code)))
    expect(exitCode).toBe(0)
    await expect.poll(() => app.evaluate(() => (globalThis as MainGlobals).__secondInstances)).toBe(1)
    expect(await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().length)).toBe(1)
  })

  test('the window opens where it was when the app quit', async () => {
    // Inside the smallest work area of the hosted runners (Windows: 1024×768 less the taskbar).
    const bounds = { x: 20, y: 40, width: 900, height: 620 }
    await app.evaluate(({ BrowserWindow }, b) => BrowserWindow.getAllWindows()[0]?.setBounds(b), bounds)
    const before = await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows()[0]?.getNormalBounds())
    await app.close()
    expect(JSON.parse(readFileSync(join(userData, 'window-state.json'), 'utf8'))).toEqual({ bounds: before, maximized: false })

    await launch()
    const after = await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows()[0]?.getNormalBounds())
    expect(after).toEqual(before)
  })
})
