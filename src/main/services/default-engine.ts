import { summarizeDelegation } from '../diagnosis/delegation-summary'
import { runDiagnosis } from '../diagnosis/run-diagnosis'
import type { DiagnosisEngine } from './api-service'

/** The real engine: DNS on the network (or on the lab roots the settings name). */
export const defaultEngine: DiagnosisEngine = { runDiagnosis, summarizeDelegation }
