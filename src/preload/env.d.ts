/** The app version from package.json, written in at build time by electron.vite.config.ts. */
declare const __APP_VERSION__: string
