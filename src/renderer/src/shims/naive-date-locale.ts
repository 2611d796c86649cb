// Stands in for Naive UI's default date locale (electron.vite.config.ts resolves it here). Naive UI falls back
// to date-fns' English locale for its date components (date picker, calendar, time); no screen of this app shows
// one, so that locale data stays out of the bundle. A date component would hit the error below: drop the
// resolver in electron.vite.config.ts then.
const missing = new Proxy(
  {},
  {
    get(_target, property) {
      throw new Error(
        `date-fns locale data is not bundled (asked for ${String(property)}): remove the naive-date-locale resolver in electron.vite.config.ts to use a Naive UI date component.`
      )
    }
  }
)

export default { name: 'en-US', locale: missing }
