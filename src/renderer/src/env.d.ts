/// <reference types="vite/client" />

declare module '*.vue' {
  import type { DefineComponent } from 'vue'
  const component: DefineComponent<object, object, unknown>
  export default component
}

// The English messages the first screen does not use (scripts/vite-precompiled-messages.ts, `split`).
declare module '*.json?deferred' {
  const messages: Record<string, unknown>
  export default messages
}

interface Window {
  /** What src/preload/index.ts exposes inside the Electron shell; absent when a plain browser shows the page. */
  readonly dnsVerify?: import('@shared/api-result').PreloadApi
}
