// Who the app is to the operating system. Pure module: no `electron`.

/** The name people see: window title, menus, About, notifications. electron-builder.yml's productName. */
export const APP_NAME = 'DNS Verify Assistant'

/**
 * Windows shows a toast only for an app whose AppUserModelID matches the Start-menu shortcut the installer made,
 * and the NSIS installer names that shortcut after electron-builder.yml's appId (tests/unit/ci/release-config.test.ts
 * keeps the two equal).
 */
export const APP_USER_MODEL_ID = 'com.dnsverify.assistant'
