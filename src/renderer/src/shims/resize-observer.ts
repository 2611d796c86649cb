// Stands in for @juggle/resize-observer (electron.vite.config.ts aliases it here). vueuc, under Naive UI, imports
// that polyfill but uses it only where the browser has no ResizeObserver of its own; Chromium, and so Electron,
// always has one, so the polyfill's 8 KB would never run.
export const ResizeObserver = window.ResizeObserver
