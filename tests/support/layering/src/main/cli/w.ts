import { app } from 'electron'
export const w = app
