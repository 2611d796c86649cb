/// <reference types="vite/client" />

declare module '*.vue' {
  import type { DefineComponent } from 'vue'
  const component: DefineComponent<object, object, unknown>
  export default component
}

/** What src/preload/index.ts exposes. Placeholder until the typed Api in src/shared replaces it. */
interface DnsVerifyBridge {
  readonly version: string
}

interface Window {
  /** Present inside the Electron shell; absent when the renderer is served to a plain browser. */
  readonly dnsVerify?: DnsVerifyBridge
}
