/**
 * The application menu. Mostly Electron roles, which do the work and bring the platform's shortcuts: without an Edit
 * menu holding copy and paste, ⌘C / ⌘V do nothing in text fields on macOS, and users paste the CA's value here.
 *
 * - macOS: the app menu (About, Services, Hide, Hide Others, Show All, Quit), Edit, View, Window, Help.
 * - Windows / Linux: File (Exit / Quit), Edit, View, Window, Help with About. The window hides its menu bar until Alt.
 * - Edit has undo, redo, cut, copy, paste, paste and match style, delete and select all everywhere.
 * - View reloads and opens the developer tools only in development (a reload would drop the wizard's state), and
 *   zooms and goes full screen everywhere.
 * - Help links go through the caller's `openLink`, which only opens URLs on the external-link allow-list.
 *
 * Labels come from the locale files (`shell.menu.*`), so the menu speaks the user's language.
 * No `electron` at run time: `Menu` is passed in, so this is unit-tested without Electron.
 */
import type { AboutPanelOptionsOptions, MenuItemConstructorOptions } from 'electron'
import type { ShellText } from './shell-text'

/** Pages the Help menu opens: each on a host of navigation-policy.ts's allow-list (a unit test checks). */
export const HELP_LINKS = [
  { label: 'dnsValidation', url: 'https://letsencrypt.org/docs/challenge-types/#dns-01-challenge' },
  { label: 'letsDebug', url: 'https://letsdebug.net/' },
  { label: 'caaRecords', url: 'https://www.rfc-editor.org/rfc/rfc8659' }
] as const

export interface MenuOptions {
  platform: NodeJS.Platform
  /** Development build: adds reload and the developer tools. */
  isDev: boolean
  text: ShellText
  /** Opens a Help link in the user's browser (window.ts's allow-listed openExternal). */
  openLink(url: string): void
}

/** The part of Electron's `Menu` used here. */
export interface MenuApi<M> {
  buildFromTemplate(template: MenuItemConstructorOptions[]): M
  setApplicationMenu(menu: M | null): void
}

const separator: MenuItemConstructorOptions = { type: 'separator' }

export function applicationMenuTemplate(options: MenuOptions): MenuItemConstructorOptions[] {
  const { text, platform } = options
  const isMac = platform === 'darwin'
  const item = (role: NonNullable<MenuItemConstructorOptions['role']>, label: Parameters<ShellText['menu']>[0]) => ({
    role,
    label: text.menu(label)
  })

  const appMenu: MenuItemConstructorOptions = {
    label: text.appName,
    submenu: [
      item('about', 'about'),
      separator,
      item('services', 'services'),
      separator,
      item('hide', 'hide'),
      item('hideOthers', 'hideOthers'),
      item('unhide', 'showAll'),
      separator,
      item('quit', 'quit')
    ]
  }
  // Windows calls it Exit, Linux desktops Quit.
  const fileMenu: MenuItemConstructorOptions = {
    label: text.menu('file'),
    submenu: [item('quit', platform === 'win32' ? 'exit' : 'quit')]
  }
  const editMenu: MenuItemConstructorOptions = {
    label: text.menu('edit'),
    submenu: [
      item('undo', 'undo'),
      item('redo', 'redo'),
      separator,
      item('cut', 'cut'),
      item('copy', 'copy'),
      item('paste', 'paste'),
      item('pasteAndMatchStyle', 'pasteAndMatchStyle'),
      item('delete', 'delete'),
      separator,
      item('selectAll', 'selectAll')
    ]
  }
  const viewMenu: MenuItemConstructorOptions = {
    label: text.menu('view'),
    submenu: [
      ...(options.isDev
        ? [item('reload', 'reload'), item('forceReload', 'forceReload'), item('toggleDevTools', 'toggleDevTools'), separator]
        : []),
      item('resetZoom', 'resetZoom'),
      item('zoomIn', 'zoomIn'),
      item('zoomOut', 'zoomOut'),
      separator,
      item('togglefullscreen', 'toggleFullScreen')
    ]
  }
  const windowMenu: MenuItemConstructorOptions = {
    label: text.menu('window'),
    // The window role lets macOS list the open windows in this menu.
    ...(isMac ? { role: 'window' as const } : {}),
    submenu: isMac
      ? [item('minimize', 'minimize'), item('zoom', 'zoom'), separator, item('front', 'front')]
      : [item('minimize', 'minimize'), item('close', 'close')]
  }
  const helpMenu: MenuItemConstructorOptions = {
    label: text.menu('help'),
    // The help role gives the macOS Help menu its search field.
    ...(isMac ? { role: 'help' as const } : {}),
    submenu: [
      ...HELP_LINKS.map(({ label, url }) => ({ label: text.menu(label), click: () => options.openLink(url) })),
      // macOS has About in the app menu.
      ...(isMac ? [] : [separator, item('about', 'about')])
    ]
  }

  return [...(isMac ? [appMenu] : [fileMenu]), editMenu, viewMenu, windowMenu, helpMenu]
}

/** Builds the menu for `options` and makes it the application menu. */
export function installApplicationMenu<M>(Menu: MenuApi<M>, options: MenuOptions): M {
  const menu = Menu.buildFromTemplate(applicationMenuTemplate(options))
  Menu.setApplicationMenu(menu)
  return menu
}

/**
 * What About shows (the `about` role opens the platform's panel: native on macOS, a small dialog elsewhere): the
 * name and version, and one line on what the app is for. Linux shows nothing it is not given.
 */
export function aboutPanelOptions(version: string, text: ShellText): AboutPanelOptionsOptions {
  return { applicationName: text.appName, applicationVersion: version, credits: text.tagline }
}
