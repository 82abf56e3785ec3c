/** Public entry of the Epicor Kinetic emulator. */
export {
  type ActivityOptions,
  type ActivityReport,
  createEpicorEmulator,
  type EmulatorStats,
  type EntityActivity,
  type EpicorEmulator,
  type EpicorEmulatorOptions,
  type FaultOptions,
  type LatencyOptions,
  type RequestLogEntry,
  type ServerProfile,
} from './emulator.ts';
export { DEMO_CREDENTIALS } from './emulator-auth.ts';
export { COMPANIES, ENTITY_SETS } from './entity-schemas.ts';
export type { SchemaDrift } from './schema-drift.ts';
export { serveEpicorEmulator } from './serve.ts';
export { NAMED_PROFILES, PROFILE_ENV, STRICT_IIS, serverProfile } from './server-profile.ts';
