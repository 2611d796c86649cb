import { csp } from '../shell/content-security-policy'
import { r } from '../../renderer/r'
export const z = [csp, r]
