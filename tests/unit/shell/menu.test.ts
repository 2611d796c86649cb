import type { MenuItemConstructorOptions } from 'electron'
import { describe, expect, it, vi } from 'vitest'
import { aboutPanelOptions, applicationMenuTemplate, HELP_LINKS, installApplicationMenu, type MenuOptions } from '../../../src/main/shell/menu'
import { isAllowedExternalUrl } from '../../../src/main/shell/navigation-policy'
import { shellText } from '../../../src/main/shell/shell-text'

const EDIT_ROLES = ['undo', 'redo', 'cut', 'copy', 'paste', 'pasteAndMatchStyle', 'delete', 'selectAll']

function options(overrides: Partial<MenuOptions> = {}): MenuOptions {
  return { platform: 'darwin', isDev: false, text: shellText('en'), openLink: vi.fn(), ...overrides }
}

const submenuOf = (item: MenuItemConstructorOptions | undefined): MenuItemConstructorOptions[] =>
  (item?.submenu ?? []) as MenuItemConstructorOptions[]
const roles = (items: MenuItemConstructorOptions[]): string[] => items.flatMap((i) => (i.role ? [i.role] : []))
const byLabel = (template: MenuItemConstructorOptions[], label: string) => template.find((m) => m.label === label)

/** Every item of the menu tree, submenus included. */
function allItems(items: MenuItemConstructorOptions[]): MenuItemConstructorOptions[] {
  return items.flatMap((item) => [item, ...allItems(submenuOf(item))])
}

describe('application menu', () => {
  it.each(['darwin', 'win32', 'linux'] as const)('%s: Edit has every editing role, so copy and paste work in text fields', (platform) => {
    const edit = byLabel(applicationMenuTemplate(options({ platform })), 'Edit')
    expect(roles(submenuOf(edit))).toEqual(EDIT_ROLES)
  })

  it('macOS: the app menu comes first, with About, Services, Hide, Hide Others, Show All and Quit', () => {
    const template = applicationMenuTemplate(options({ platform: 'darwin' }))
    expect(template.map((m) => m.label)).toEqual(['DNS Verify Assistant', 'Edit', 'View', 'Window', 'Help'])
    expect(roles(submenuOf(template[0]))).toEqual(['about', 'services', 'hide', 'hideOthers', 'unhide', 'quit'])
    expect(submenuOf(template[0]).map((i) => i.label ?? '-')).toEqual([
      'About DNS Verify Assistant', '-', 'Services', '-', 'Hide DNS Verify Assistant', 'Hide Others', 'Show All', '-',
      'Quit DNS Verify Assistant'
    ])
    expect(byLabel(template, 'Window')?.role).toBe('window')
    expect(roles(submenuOf(byLabel(template, 'Window')))).toEqual(['minimize', 'zoom', 'front'])
    expect(byLabel(template, 'Help')?.role).toBe('help')
    expect(roles(submenuOf(byLabel(template, 'Help')))).toEqual([])
  })

  it.each([
    ['win32', 'Exit'],
    ['linux', 'Quit DNS Verify Assistant']
  ] as const)('%s: File quits (labelled %s), Window minimizes and closes, Help ends with About', (platform, quitLabel) => {
    const template = applicationMenuTemplate(options({ platform }))
    expect(template.map((m) => m.label)).toEqual(['File', 'Edit', 'View', 'Window', 'Help'])
    expect(submenuOf(template[0])).toEqual([{ role: 'quit', label: quitLabel }])
    expect(roles(submenuOf(byLabel(template, 'Window')))).toEqual(['minimize', 'close'])
    expect(submenuOf(byLabel(template, 'Help')).at(-1)).toEqual({ role: 'about', label: 'About DNS Verify Assistant' })
    expect(allItems(template).filter((i) => i.role === 'about')).toHaveLength(1)
  })

  it('View: zoom and full screen always; reload and developer tools only in development', () => {
    const shipped = roles(submenuOf(byLabel(applicationMenuTemplate(options()), 'View')))
    expect(shipped).toEqual(['resetZoom', 'zoomIn', 'zoomOut', 'togglefullscreen'])
    const dev = roles(submenuOf(byLabel(applicationMenuTemplate(options({ isDev: true })), 'View')))
    expect(dev).toEqual(['reload', 'forceReload', 'toggleDevTools', 'resetZoom', 'zoomIn', 'zoomOut', 'togglefullscreen'])
    for (const platform of ['darwin', 'win32', 'linux'] as const) {
      const items = allItems(applicationMenuTemplate(options({ platform })))
      expect(items.some((i) => i.role === 'reload' || i.role === 'forceReload' || i.role === 'toggleDevTools')).toBe(false)
    }
  })

  it('Help opens each link through openLink (the allow-listed opener), and every link is on the external-link allow-list', () => {
    const openLink = vi.fn()
    const help = submenuOf(byLabel(applicationMenuTemplate(options({ openLink })), 'Help'))
    const links = help.filter((i) => i.click)
    expect(links.map((i) => i.label)).toEqual([
      "How DNS verification works (Let's Encrypt)",
      "Check a domain with Let's Debug",
      'Which CAs may issue: CAA records (RFC 8659)'
    ])
    for (const link of links) (link.click as () => void)()
    expect(openLink.mock.calls.map((c) => c[0])).toEqual(HELP_LINKS.map((l) => l.url))
    for (const { url } of HELP_LINKS) expect(isAllowedExternalUrl(url), url).toBe(true)
  })

  it.each(['en', 'zh-CN', 'es'] as const)('%s: every item that is not a separator has a translated label', (locale) => {
    for (const platform of ['darwin', 'win32', 'linux'] as const) {
      const items = allItems(applicationMenuTemplate(options({ platform, isDev: true, text: shellText(locale) })))
      const unlabeled = items.filter((i) => i.type !== 'separator' && (!i.label || i.label.startsWith('shell.') || i.label.includes('{')))
      expect(unlabeled).toEqual([])
    }
  })

  it('speaks the chosen language', () => {
    const template = applicationMenuTemplate(options({ platform: 'darwin', text: shellText('zh-CN') }))
    expect(template.map((m) => m.label)).toEqual(['DNS 验证助手', '编辑', '视图', '窗口', '帮助'])
    expect(submenuOf(template[1]).find((i) => i.role === 'paste')?.label).toBe('粘贴')
    expect(submenuOf(template[0])[0]?.label).toBe('关于 DNS 验证助手')
  })

  it('installApplicationMenu builds the template with Menu and makes it the application menu', () => {
    const built = { id: 'menu' }
    const Menu = { buildFromTemplate: vi.fn((_template: MenuItemConstructorOptions[]) => built), setApplicationMenu: vi.fn() }
    expect(installApplicationMenu(Menu, options({ platform: 'linux' }))).toBe(built)
    // Click handlers are fresh closures each time: compare everything else.
    const shape = (template: unknown) => JSON.parse(JSON.stringify(template)) as unknown
    expect(Menu.buildFromTemplate).toHaveBeenCalledOnce()
    expect(shape(Menu.buildFromTemplate.mock.calls[0]![0])).toEqual(shape(applicationMenuTemplate(options({ platform: 'linux' }))))
    expect(Menu.setApplicationMenu).toHaveBeenCalledWith(built)
  })
})

describe('About', () => {
  it('shows the name and version, and what the app is for, in the chosen language', () => {
    expect(aboutPanelOptions('1.2.3', shellText('en'))).toEqual({
      applicationName: 'DNS Verify Assistant',
      applicationVersion: '1.2.3',
      credits: shellText('en').tagline
    })
    expect(aboutPanelOptions('1.2.3', shellText('zh-CN')).applicationName).toBe('DNS 验证助手')
  })
})
