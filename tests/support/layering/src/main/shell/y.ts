import { app } from 'electron'
import { z } from '../bridge/z'
export const y = [app, z]
