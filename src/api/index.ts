/**
 * pond's programmatic API: `import { Pond } from 'pond'`. Bring a pond.yaml up from a test suite's
 * global setup and tear it down after, with the CLI's contracts and typed errors.
 */
export { Pond } from './pond.js';
export type {
  DownOptions,
  DownResult,
  InfoOptions,
  LoadOptions,
  PlanOptions,
  ProjectInfo,
  UpOptions,
  UpResult,
} from './option-types.js';
export type { PlanData, PondEvent, PublishedPort, StepRef, WorkloadInfo } from './types.js';
export type { DatabaseInfo, NotebookInfo, ServiceInfo } from '../session/connection-info.js';
export {
  ApplyError,
  ConfigError,
  EngineError,
  EngineUnreachableError,
  exitCodeOf,
  ForeignProjectError,
  InterruptedError,
  LockHeldError,
  PondError,
  TimeoutError,
  UsageError,
  type Diagnostic,
  type Location,
} from '../errors.js';
export { formatDiagnostic } from '../config/format.js';
