import { createApp } from 'vue'
import { createPinia } from 'pinia'
import App from './App.vue'
import { i18n, loadLocaleMessages } from './i18n'
import { loadDarkTheme, systemPrefersDark } from './theme/dark-theme'
import './styles/app.css'

const locale = i18n.global.locale.value
document.documentElement.lang = locale

// A locale other than English, and the dark theme, are chunks of their own: when the first screen needs them
// the app mounts once they are here, so it does not show English or light colours for a moment. Should one
// fail to arrive, the app starts without it.
const firstScreen = [loadLocaleMessages(locale), systemPrefersDark() ? loadDarkTheme() : Promise.resolve()]
Promise.allSettled(firstScreen)
  .then((results) => {
    for (const r of results) if (r.status === 'rejected') console.error('Could not load part of the first screen', r.reason)
  })
  .finally(() => createApp(App).use(createPinia()).use(i18n).mount('#app'))
