// Naive UI's dark theme on its own, so that it can be a chunk of its own (theme/dark-theme.ts imports this file
// on demand): it holds every component's dark styles, which a page in light mode never needs.
export { darkTheme } from 'naive-ui'
