// The DNS lab: real NSD and Unbound on loopback, a private root, fully offline. See lab.ts for usage
// and addresses.ts for the address plan and the per-test-file `net` convention.

export * from './addresses'
export { labAvailability, describeLab, LAB_INSTALL_HINT, type LabAvailability } from './availability'
export { dig, parseDigOutput, answerRdata, type DigRecord, type DigResult } from './dig'
export type { TrustAnchor } from './dnssec'
export {
  buildHierarchy,
  renderZone,
  reservedNames,
  DEFAULT_SOA_MINIMUM,
  DEFAULT_ZONE_TTL,
  type DnssecMode,
  type HierarchySpec,
  type NameServer,
  type ServerDefinition,
  type ServerRole,
  type ZoneDefinition,
  type ZoneSpec
} from './hierarchy'
export { startLab, type Lab, type LabOptions, type StopServerOptions, type UpdateZoneOptions } from './lab'
export type { NsdServer, ServerState } from './nsd'
export { livingGroupMembers } from './processes'
export type { ResolverSpec, UnboundResolver } from './unbound'
export * from './zone-text'
