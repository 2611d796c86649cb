import type { AppSettings } from './api'

/**
 * The resolvers a check asks when the user has not listed them for this check: this computer's resolver, the
 * chosen public presets and the user's own, from the settings. With lab roots (a private DNS tree) only the
 * resolvers the user added: public resolvers and this computer's resolver cannot see a private root, so their
 * "not found" would say nothing about the domain.
 */
export function resolverSpecsFor(settings: Pick<AppSettings, 'includeSystemResolvers' | 'presets' | 'customResolvers' | 'roots'>): string[] {
  if (settings.roots.length > 0) return [...settings.customResolvers]
  return [...(settings.includeSystemResolvers ? ['system'] : []), ...settings.presets, ...settings.customResolvers]
}
