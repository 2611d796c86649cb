// Naive UI's own words in Spanish, on their own so that i18n.ts can load them on demand.
export { esAR as default } from 'naive-ui'
